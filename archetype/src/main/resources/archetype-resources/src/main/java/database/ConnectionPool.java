package ${package}.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;

/**
 * The connection pool, sized for Lambda: a container serves one request at a time and is
 * frozen between requests, so one connection is enough, none is opened before the first query,
 * an idle one is dropped rather than held across freezes (and checked before reuse), and a
 * database that does not answer, or stops answering mid-query, fails the request within
 * {@link DatabaseTimeouts} instead of hanging it until Lambda's timeout. Connections are opened
 * with the login {@link DatabaseCredentials} gives (in AWS: the secret's, fetched at run time).
 * On Lambda Managed Instances an environment serves several invocations at once, so the pool
 * holds up to one connection per invocation in flight ({@link #maximumPoolSize}): none waits for
 * another's connection, and the bounds of {@link DatabaseTimeouts} hold as they do for one.
 */
public final class ConnectionPool {

    /** Set by Lambda on managed instances: invocations one environment serves at once. */
    static final String MAX_CONCURRENCY_VARIABLE = "AWS_LAMBDA_MAX_CONCURRENCY";

    private ConnectionPool() {}

    /**
     * The pool for the database the environment names. The embedded one starts empty in every
     * container and is migrated on the pool's first connection ({@link LazilyMigratedPool}), not
     * at init; a real one is migrated once at deploy time (DatabaseMigrations), never here.
     */
    public static HikariDataSource forEnvironment() {
        DatabaseProperties database = DatabaseProperties.fromEnvironment();
        if (database.isEmbedded()) {
            return embedded(database, DatabaseMigrations::migrate);
        }
        DatabaseTimeouts timeouts = DatabaseTimeouts.fromEnvironment();
        return create(database, DatabaseCredentials.forEnvironment(database, timeouts), timeouts);
    }

    /** The embedded database's pool, migrated by {@code migration} when its first connection is asked for. */
    static LazilyMigratedPool embedded(DatabaseProperties database, LazilyMigratedPool.Migration migration) {
        return configure(new LazilyMigratedPool(database, migration), database, DatabaseCredentials.given(database),
                DatabaseTimeouts.fromEnvironment());
    }

    /** The pool for {@code database} with the user and password it holds. */
    public static HikariDataSource create(DatabaseProperties database) {
        return create(database, DatabaseCredentials.given(database), DatabaseTimeouts.fromEnvironment());
    }

    /** Every wait bounded by {@code timeouts} (see {@link DatabaseTimeouts}): pool, connect, socket reads. */
    public static HikariDataSource create(DatabaseProperties database, DatabaseCredentials credentials,
            DatabaseTimeouts timeouts) {
        // Not `new HikariDataSource(config)`: that connects at once; this connects on first use.
        return configure(new HikariDataSource(), database, credentials, timeouts);
    }

    private static <P extends HikariDataSource> P configure(P pool, DatabaseProperties database,
            DatabaseCredentials credentials, DatabaseTimeouts timeouts) {
        pool.setPoolName("lambda");
        // The URL for what Hikari tunes per driver; connections are opened through the data source.
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setDataSource(new LoginRetryingDataSource(database.jdbcUrl(), driverProperties(database.jdbcUrl(), timeouts),
                credentials));
        pool.setMaximumPoolSize(maximumPoolSize(System.getenv(MAX_CONCURRENCY_VARIABLE)));
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        pool.setMaxLifetime(Duration.ofMinutes(5).toMillis());
        pool.setConnectionTimeout(timeouts.connection().toMillis());
        pool.setValidationTimeout(timeouts.validation().toMillis());
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    /** The driver's own timeouts, for connecting and for reads outside a request's {@link DatabaseWork}. */
    private static Properties driverProperties(String url, DatabaseTimeouts timeouts) {
        Properties properties = new Properties();
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            // Connector/J: milliseconds.
            properties.setProperty("connectTimeout", Long.toString(timeouts.connection().toMillis()));
            properties.setProperty("socketTimeout", Long.toString(timeouts.socket().toMillis()));
            // No query timeouts: Connector/J's sends KILL QUERY over a new connection and the
            // statement waits for it, unbounded over a stalled network (3 s past the deadline,
            // measured). The read timeout, what is left of the request's deadline, ends a
            // statement instead (the driver closes the connection, the pool drops it).
            properties.setProperty("enableQueryTimeouts", "false");
        } else if (url.startsWith("jdbc:postgresql:")) {
            // PostgreSQL JDBC: seconds.
            properties.setProperty("connectTimeout", Long.toString(timeouts.connection().toSeconds()));
            properties.setProperty("loginTimeout", Long.toString(timeouts.connection().toSeconds()));
            properties.setProperty("socketTimeout", Long.toString(timeouts.socket().toSeconds()));
            // A query timeout cancels over a second connection, and the statement waits for that:
            // its connect and read are bounded by this (default 10 s), or a stalled network adds it.
            properties.setProperty("cancelSignalTimeout", Long.toString(timeouts.cancelSeconds()));
        }
        // H2 in memory: no network, so nothing to time out but statements (DatabaseWork).
        return properties;
    }

    /**
     * One connection per invocation the environment serves at once: {@code AWS_LAMBDA_MAX_CONCURRENCY},
     * which Lambda sets from the function's PerExecutionEnvironmentMaxConcurrency in template.yaml
     * (the one place for that number), or 1 where it is unset (one invocation at a time).
     */
    static int maximumPoolSize(String maxConcurrency) {
        if (maxConcurrency == null || maxConcurrency.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(maxConcurrency.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(MAX_CONCURRENCY_VARIABLE + " must be a whole number, not '" + maxConcurrency + "'", e);
        }
    }
}
