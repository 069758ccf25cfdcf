package ${package}.worker;

import ${package}.database.DatabaseUnavailableException;
import ${package}.database.DatabaseWork;
import ${package}.orders.Order;
import ${package}.orders.OrderRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stores the order of each SQS message once, however often SQS delivers it (at least once, and
 * again after a failed batch): the order and the message id go into {@code processed_messages}
 * in one transaction, so a message id seen before stores nothing. Each message is one
 * {@link DatabaseWork}: it waits for the database at most DATABASE_TIMEOUT_SECONDS in all.
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
        try (DatabaseWork work = DatabaseWork.start(dataSource)) {
            work.begin();
            try {
                if (isProcessed(work, messageId)) {
                    work.rollback();
                    return Optional.empty();
                }
                Order order = orders.create(work, message.item(), message.quantity());
                markProcessed(work, messageId, order.id());
                work.commit();
                return Optional.of(order);
            } catch (SQLException | RuntimeException e) {
                work.rollback();
                // Another container may have stored a second delivery of the same message meanwhile:
                // its row in processed_messages made this insert fail, and the order is stored.
                if (e instanceof SQLException && isProcessed(work, messageId)) {
                    return Optional.empty();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not store the order of message " + messageId, e);
        }
    }

    private static boolean isProcessed(DatabaseWork work, String messageId) throws SQLException {
        try (PreparedStatement select = work.prepare("SELECT 1 FROM processed_messages WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void markProcessed(DatabaseWork work, String messageId, long orderId) throws SQLException {
        try (PreparedStatement insert = work.prepare("INSERT INTO processed_messages (message_id, order_id) VALUES (?, ?)")) {
            insert.setString(1, messageId);
            insert.setLong(2, orderId);
            insert.executeUpdate();
        }
    }
}
