package ${package}.orders;

import ${package}.database.DatabaseUnavailableException;
import ${package}.database.DatabaseWork;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Orders in the {@code orders} table, in plain JDBC: every statement is prepared and every
 * value bound, never concatenated into SQL. Each call is one {@link DatabaseWork}: all its waits
 * share one deadline, so a locked table or a stalled database fails the request, not hangs it.
 */
public class OrderRepository {

    /** How many orders {@link #findRecent()} returns at most. */
    public static final int PAGE_SIZE = 100;

    private static final String COLUMNS = "id, item, quantity, created_at";

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Order> findRecent() {
        try (DatabaseWork work = DatabaseWork.start(dataSource);
                PreparedStatement select = work.prepare("SELECT " + COLUMNS + " FROM orders ORDER BY id DESC LIMIT ?")) {
            select.setInt(1, PAGE_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                List<Order> orders = new ArrayList<>();
                while (rows.next()) {
                    orders.add(toOrder(rows));
                }
                return orders;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not list orders", e);
        }
    }

    public Optional<Order> findById(long id) {
        try (DatabaseWork work = DatabaseWork.start(dataSource)) {
            return findById(work, id);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not read order " + id, e);
        }
    }

    public Order create(String item, int quantity) {
        try (DatabaseWork work = DatabaseWork.start(dataSource)) {
            return create(work, item, quantity);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not store an order", e);
        }
    }

    /** Stores an order as part of the caller's work, inside the transaction the caller has open (if any). */
    public Order create(DatabaseWork work, String item, int quantity) throws SQLException {
        try (PreparedStatement insert = work.prepare("INSERT INTO orders (item, quantity) VALUES (?, ?)", new String[] {"id"})) {
            insert.setString(1, item);
            insert.setInt(2, quantity);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return findById(work, id)
                        .orElseThrow(() -> new IllegalStateException("Order " + id + " vanished after insert"));
            }
        }
    }

    private static Optional<Order> findById(DatabaseWork work, long id) throws SQLException {
        try (PreparedStatement select = work.prepare("SELECT " + COLUMNS + " FROM orders WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(toOrder(rows)) : Optional.empty();
            }
        }
    }

    private static Order toOrder(ResultSet row) throws SQLException {
        return new Order(
                row.getLong("id"),
                row.getString("item"),
                row.getInt("quantity"),
                row.getTimestamp("created_at").toInstant());
    }
}
