package ${package}.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Orders in the {@code orders} table; every statement is prepared, values are bound. */
@Repository
public class OrderRepository {

    /** How many orders {@link #findRecent()} returns at most. */
    public static final int PAGE_SIZE = 100;

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Order> findRecent() {
        return jdbc.sql("SELECT id, item, quantity, created_at FROM orders ORDER BY id DESC LIMIT :limit")
                .param("limit", PAGE_SIZE)
                .query(OrderRepository::toOrder)
                .list();
    }

    public Optional<Order> findById(long id) {
        return jdbc.sql("SELECT id, item, quantity, created_at FROM orders WHERE id = :id")
                .param("id", id)
                .query(OrderRepository::toOrder)
                .optional();
    }

    public Order create(NewOrder order) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO orders (item, quantity) VALUES (:item, :quantity)")
                .param("item", order.item())
                .param("quantity", order.quantity())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return findById(id).orElseThrow(() -> new IllegalStateException("Order " + id + " vanished after insert"));
    }

    private static Order toOrder(ResultSet row, int rowNumber) throws SQLException {
        return new Order(
                row.getLong("id"),
                row.getString("item"),
                row.getInt("quantity"),
                row.getTimestamp("created_at").toInstant());
    }
}
