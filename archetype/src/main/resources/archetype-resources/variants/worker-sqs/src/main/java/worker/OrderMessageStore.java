package ${package}.worker;

import ${package}.database.DatabaseUnavailableException;
import ${package}.orders.Order;
import ${package}.orders.OrderRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stores the order of each SQS message once, however often SQS delivers it (at least once, and
 * again after a failed batch): the order and the message id go into {@code processed_messages}
 * in one transaction, so a message id seen before stores nothing.
 */
public class OrderMessageStore {

    private final DataSource dataSource;
    private final OrderRepository orders;

    public OrderMessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.orders = new OrderRepository(dataSource);
    }

    /** The stored order, or empty when this message was processed before. */
    public Optional<Order> storeOnce(String messageId, OrderMessage message) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (isProcessed(connection, messageId)) {
                    connection.rollback();
                    return Optional.empty();
                }
                Order order = orders.create(connection, message.item(), message.quantity());
                markProcessed(connection, messageId, order.id());
                connection.commit();
                return Optional.of(order);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                // Another container may have stored a second delivery of the same message meanwhile:
                // its row in processed_messages made this insert fail, and the order is stored.
                if (e instanceof SQLException && isProcessed(connection, messageId)) {
                    return Optional.empty();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not store the order of message " + messageId, e);
        }
    }

    private static boolean isProcessed(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = OrderRepository.timed(connection.prepareStatement(
                "SELECT 1 FROM processed_messages WHERE message_id = ?"))) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void markProcessed(Connection connection, String messageId, long orderId) throws SQLException {
        try (PreparedStatement insert = OrderRepository.timed(connection.prepareStatement(
                "INSERT INTO processed_messages (message_id, order_id) VALUES (?, ?)"))) {
            insert.setString(1, messageId);
            insert.setLong(2, orderId);
            insert.executeUpdate();
        }
    }
}
