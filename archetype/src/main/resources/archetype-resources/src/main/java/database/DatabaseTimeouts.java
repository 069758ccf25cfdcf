package ${package}.database;

import java.time.Duration;

/**
 * How long a request may wait for the database, from ONE value: {@code DATABASE_TIMEOUT_SECONDS},
 * which template.yaml sets beside the function's {@code Timeout} (5 s of 30 s; keep it at most a
 * third of the Timeout). Every wait is bounded by it, so a database that stalls mid-query
 * (black-holed network, locked table) fails the request with a 503 instead of hanging it until
 * Lambda kills the function:
 *
 * <ul>
 *   <li>getting a connection from the pool (Hikari {@code connectionTimeout}): {@link #seconds()};
 *       checking a pooled one before reuse ({@code validationTimeout}): half of it;</li>
 *   <li>opening a connection (driver {@code connectTimeout}, PostgreSQL also {@code loginTimeout}):
 *       {@link #seconds()};</li>
 *   <li>each statement ({@code Statement.setQueryTimeout}, the server cancels it): {@link #seconds()};</li>
 *   <li>each read from the server (driver {@code socketTimeout}), for a network that stops answering
 *       and so cannot even cancel: {@link #seconds()} + 1 (after the statement timeout, so a live
 *       server cancels first);</li>
 *   <li>the cancel a query timeout sends over a second connection, which the statement waits for
 *       (PostgreSQL JDBC {@code cancelSignalTimeout}, default 10 s): half of {@link #seconds()};
 *       Connector/J opens that connection with the timeouts above.</li>
 * </ul>
 *
 * A request waits at most for one connection and one statement: about twice this value
 * (11 s for 5 s), well within the function's 30 s. The embedded H2 has no network: only the
 * statement timeout applies to it. Without the variable (local runs, tests) the default is 5 s.
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

    /** Hikari's connectionTimeout: the longest getConnection waits. */
    public Duration connection() {
        return Duration.ofSeconds(seconds);
    }

    /** Hikari's validationTimeout: the longest the check of a pooled connection waits (below {@link #connection()}). */
    public Duration validation() {
        return Duration.ofMillis(seconds * 1000L / 2);
    }

    /** Statement.setQueryTimeout, in seconds. */
    public int statementSeconds() {
        return seconds;
    }

    /**
     * PostgreSQL JDBC's cancelSignalTimeout, in seconds: a statement past its query timeout waits
     * for the cancel request, sent over a new connection whose connect and read this bounds.
     */
    public int cancelSeconds() {
        return Math.max(1, seconds / 2);
    }

    /** The drivers' socketTimeout: one second after the statement timeout. */
    public Duration socket() {
        return Duration.ofSeconds(seconds + 1L);
    }
}
