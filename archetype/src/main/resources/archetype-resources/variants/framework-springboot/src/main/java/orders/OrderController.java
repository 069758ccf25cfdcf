package ${package}.orders;

import ${package}.database.DatabaseUnavailableException;
import jakarta.validation.Valid;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /orders}, {@code GET /orders/{id}}, {@code POST /orders}. */
@RestController
@RequestMapping("/orders")
public class OrderController {

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    private final OrderRepository orders;

    public OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    @GetMapping
    public List<Order> list() {
        return orders.findRecent();
    }

    /**
     * The id is taken as text and read as a decimal number: Spring's own conversion to a long
     * would also accept hexadecimal ({@code /orders/0x10} as order 16), unlike the other routes.
     */
    @GetMapping("/{id}")
    public Order get(@PathVariable String id) {
        long orderId = parseId(id);
        return orders.findById(orderId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order with id " + orderId + "."));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Order create(@Valid @RequestBody NewOrder order) {
        return orders.create(order.item(), order.quantity());
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The order id must be a number, not '" + id + "'.");
        }
    }

    @ExceptionHandler(DatabaseUnavailableException.class)
    ProblemDetail databaseUnavailable(DatabaseUnavailableException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly.");
    }
}
