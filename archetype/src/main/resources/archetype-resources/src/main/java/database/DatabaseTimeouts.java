package ${package}.database;

import java.time.Duration;

/**
 * How long a request may wait for the database, from ONE value: {@code DATABASE_TIMEOUT_SECONDS},
 * which template.yaml sets beside the function's {@code Timeout} (5 s of 30 s). It is one
 * deadline for all of a request's database work ({@link DatabaseWork}), retries included, so a
 * database that stalls mid-query (black-holed network, locked table) or refuses to answer fails
 * the request with a 503 within it, instead of hanging it until Lambda kills the function:
 *
 * <ul>
 *   <li>getting a connection from the pool (Hikari {@code connectionTimeout}): {@link #seconds()},
 *       the whole deadline, as it is the request's first wait; it covers checking a pooled
 *       connection ({@code validationTimeout}: half of it), opening one (driver
 *       {@code connectTimeout}, PostgreSQL also {@code loginTimeout}), fetching the login from
 *       Secrets Manager and the one retry after a refused login ({@link LoginRetryingDataSource});</li>
 *   <li>then each statement and round trip on that connection gets only what is left of the
 *       deadline: as its read timeout ({@code Connection.setNetworkTimeout}), and, a second
 *       sooner, as its query timeout ({@code Statement.setQueryTimeout}: a live server cancels
 *       the statement before the connection is given up);</li>
 *   <li>the cancel a query timeout sends over a second connection, which the statement waits for:
 *       PostgreSQL JDBC's is bounded by {@code cancelSignalTimeout}, {@link #cancelSeconds()}, the
 *       second the query timeout leaves it; Connector/J's has no bound of its own, so its query
 *       timeouts are off ({@code enableQueryTimeouts=false}) and the read timeout ends a statement;</li>
 *   <li>reads outside a request (the pool's own checks, migrations): the drivers'
 *       {@code socketTimeout}, {@link #seconds()} + 1.</li>
 * </ul>
 *
 * A request waits at most this value for the database, well within the function's 30 s (keep it
 * at most a third of the function's Timeout: an SQS batch may wait it once, see OrderQueueWorker).
 * The embedded H2 has no network: only the deadline's statement timeouts apply to it. Without
 * the variable (local runs, tests) the default is 5 s.
 */
public record DatabaseTimeouts(int seconds) {

    public static final String VARIABLE = "DATABASE_TIMEOUT_SECONDS";
    public static final int DEFAULT_SECONDS = 5;

    public DatabaseTimeouts {
        if (seconds < 1 || seconds > 300) {
            throw new IllegalArgumentException(VARIABLE + " must be 1 to 300 seconds, not " + seconds);
        }
    }

    public static DatabaseTimeouts fromEnvironment() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            return new DatabaseTimeouts(DEFAULT_SECONDS);
        }
        try {
            return new DatabaseTimeouts(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VARIABLE + " must be a whole number of seconds, not '" + value + "'", e);
        }
    }

    /** The deadline of one request's database work ({@link DatabaseWork}). */
    public Duration perRequest() {
        return Duration.ofSeconds(seconds);
    }

    /** Hikari's connectionTimeout: the longest getConnection waits, the whole deadline. */
    public Duration connection() {
        return Duration.ofSeconds(seconds);
    }

    /** Hikari's validationTimeout: the longest the check of a pooled connection waits (below {@link #connection()}). */
    public Duration validation() {
        return Duration.ofMillis(seconds * 1000L / 2);
    }

    /**
     * PostgreSQL JDBC's cancelSignalTimeout, in seconds: a statement past its query timeout waits
     * for the cancel request, sent over a new connection whose connect and read this bounds; the
     * query timeout ({@link DatabaseWork}) leaves the deadline this much room for it.
     */
    public int cancelSeconds() {
        return 1;
    }

    /** The drivers' socketTimeout, for reads outside a request's {@link DatabaseWork}, which sets its own. */
    public Duration socket() {
        return Duration.ofSeconds(seconds + 1L);
    }
}
