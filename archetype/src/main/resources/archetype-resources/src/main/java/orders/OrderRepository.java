package ${package}.orders;

import ${package}.database.DatabaseTimeouts;
import ${package}.database.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Orders in the {@code orders} table, in plain JDBC: every statement is prepared and every
 * value bound, never concatenated into SQL.
 */
public class OrderRepository {

    /** How many orders {@link #findRecent()} returns at most. */
    public static final int PAGE_SIZE = 100;

    private static final String COLUMNS = "id, item, quantity, created_at";

    private final DataSource dataSource;
    /** Every statement's query timeout (DatabaseTimeouts): a locked table fails the request, not hangs it. */
    private static final int QUERY_TIMEOUT_SECONDS = DatabaseTimeouts.fromEnvironment().statementSeconds();

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The statement with the query timeout every statement on the database gets. */
    public static PreparedStatement timed(PreparedStatement statement) throws SQLException {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return statement;
    }

    public List<Order> findRecent() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = timed(connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM orders ORDER BY id DESC LIMIT ?"))) {
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
        try (Connection connection = dataSource.getConnection()) {
            return findById(connection, id);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not read order " + id, e);
        }
    }

    public Order create(String item, int quantity) {
        try (Connection connection = dataSource.getConnection()) {
            return create(connection, item, quantity);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not store an order", e);
        }
    }

    /** Stores an order over the caller's connection, inside the transaction the caller has open (if any). */
    public Order create(Connection connection, String item, int quantity) throws SQLException {
        try (PreparedStatement insert = timed(connection.prepareStatement(
                "INSERT INTO orders (item, quantity) VALUES (?, ?)", new String[] {"id"}))) {
            insert.setString(1, item);
            insert.setInt(2, quantity);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return findById(connection, id)
                        .orElseThrow(() -> new IllegalStateException("Order " + id + " vanished after insert"));
            }
        }
    }

    private static Optional<Order> findById(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = timed(connection.prepareStatement("SELECT " + COLUMNS + " FROM orders WHERE id = ?"))) {
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
