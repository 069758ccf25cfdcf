package ${package}.orders;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code GET /orders}, {@code GET /orders/{id}}, {@code POST /orders}. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderRepository orders;

    @Inject
    public OrderResource(OrderRepository orders) {
        this.orders = orders;
    }

    @GET
    public List<Order> list() {
        return orders.findRecent();
    }

    /** The id is taken as text so that a non-number is a 400, not Jersey's 404 for a mismatched parameter. */
    @GET
    @Path("/{id}")
    public Order get(@PathParam("id") String id) {
        long orderId = parseId(id);
        return orders.findById(orderId).orElseThrow(() -> new NotFoundException("No order with id " + orderId + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid NewOrder order) {
        return Response.status(Response.Status.CREATED).entity(orders.create(order.item(), order.quantity())).build();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadRequestException("The order id must be a number, not '" + id + "'.");
        }
    }
}
