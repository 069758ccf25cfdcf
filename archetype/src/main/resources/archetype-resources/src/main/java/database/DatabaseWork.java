package ${package}.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One request's database work under ONE deadline, {@code DATABASE_TIMEOUT_SECONDS} from its
 * start ({@link DatabaseTimeouts}): the wait for a connection, then every statement, commit and
 * rollback on it, each given only the time left, so retries and several statements never add up
 * to more. Past the deadline nothing more is sent: the work fails with an {@link SQLTimeoutException}
 * (the routes' 503).
 *
 * <pre>{@code
 * try (DatabaseWork work = DatabaseWork.start(dataSource);
 *         PreparedStatement select = work.prepare("SELECT ...")) { ... }
 * }</pre>
 */
public final class DatabaseWork implements AutoCloseable {

    private static final DatabaseTimeouts TIMEOUTS = DatabaseTimeouts.fromEnvironment();
    /** Drivers apply a new network timeout through an executor; this one applies it at once. */
    private static final Executor AT_ONCE = Runnable::run;

    private final Connection connection;
    private final DatabaseTimeouts timeouts;
    private final long deadline;

    private DatabaseWork(Connection connection, DatabaseTimeouts timeouts, long deadline) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.deadline = deadline;
    }

    /** Starts the deadline and takes a connection: the pool waits at most the whole of it (its connectionTimeout). */
    public static DatabaseWork start(DataSource dataSource) throws SQLException {
        return start(dataSource, TIMEOUTS);
    }

    static DatabaseWork start(DataSource dataSource, DatabaseTimeouts timeouts) throws SQLException {
        long deadline = System.nanoTime() + timeouts.perRequest().toNanos();
        return new DatabaseWork(dataSource.getConnection(), timeouts, deadline);
    }

    /** A statement that may take what is left of the deadline. */
    public PreparedStatement prepare(String sql) throws SQLException {
        return bounded(connection.prepareStatement(sql));
    }

    /** A statement that returns the generated {@code keys}, within what is left of the deadline. */
    public PreparedStatement prepare(String sql, String[] keys) throws SQLException {
        return bounded(connection.prepareStatement(sql, keys));
    }

    /** Opens a transaction (a round trip on some drivers), committed by {@link #commit()}. */
    public void begin() throws SQLException {
        boundRoundTrips();
        connection.setAutoCommit(false);
    }

    public void commit() throws SQLException {
        boundRoundTrips();
        connection.commit();
    }

    public void rollback() throws SQLException {
        boundRoundTrips();
        connection.rollback();
    }

    /** Whether the connection answers a validity check within what is left. */
    public boolean isValid() throws SQLException {
        int millis = boundRoundTrips();
        return connection.isValid((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(millis)));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * The statement's query timeout: the whole seconds left less the cancel's own second, or none
     * when less is left (the read timeout alone ends it then: a cancel could not finish in time).
     * Connector/J ignores it (ConnectionPool turns its query timeouts off): the read timeout ends it.
     */
    private PreparedStatement bounded(PreparedStatement statement) throws SQLException {
        int millis = boundRoundTrips();
        statement.setQueryTimeout((int) Math.max(0, TimeUnit.MILLISECONDS.toSeconds(millis) - timeouts.cancelSeconds()));
        return statement;
    }

    /** Every read on the connection from now on waits at most what is left; the milliseconds left. */
    private int boundRoundTrips() throws SQLException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SQLTimeoutException("The database took all of this request's " + timeouts.seconds()
                    + " s (DATABASE_TIMEOUT_SECONDS)", "HYT00");
        }
        int millis = (int) Math.min(left, Integer.MAX_VALUE);
        try {
            connection.setNetworkTimeout(AT_ONCE, millis);
        } catch (SQLFeatureNotSupportedException inMemory) {
            // No network to time out (the embedded database): the query timeout still applies.
        }
        return millis;
    }
}
