package ${package}.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The connection pool, sized for Lambda: a container serves one request at a time and is
 * frozen between requests, so one connection is enough, none is opened before the first query,
 * an idle one is dropped rather than held across freezes (and checked before reuse), and a
 * database that does not answer, or stops answering mid-query, fails the request within
 * {@link DatabaseTimeouts} instead of hanging it until Lambda's timeout.
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
        return create(database);
    }

    /** The embedded database's pool, migrated by {@code migration} when its first connection is asked for. */
    static LazilyMigratedPool embedded(DatabaseProperties database, LazilyMigratedPool.Migration migration) {
        return configure(new LazilyMigratedPool(database, migration), database, DatabaseTimeouts.fromEnvironment());
    }

    public static HikariDataSource create(DatabaseProperties database) {
        return create(database, DatabaseTimeouts.fromEnvironment());
    }

    /** Every wait bounded by {@code timeouts} (see {@link DatabaseTimeouts}): pool, connect, socket reads. */
    public static HikariDataSource create(DatabaseProperties database, DatabaseTimeouts timeouts) {
        // Not `new HikariDataSource(config)`: that connects at once; this connects on first use.
        return configure(new HikariDataSource(), database, timeouts);
    }

    private static <P extends HikariDataSource> P configure(P pool, DatabaseProperties database, DatabaseTimeouts timeouts) {
        pool.setPoolName("lambda");
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(maximumPoolSize(System.getenv(MAX_CONCURRENCY_VARIABLE)));
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        pool.setMaxLifetime(Duration.ofMinutes(5).toMillis());
        pool.setConnectionTimeout(timeouts.connection().toMillis());
        pool.setValidationTimeout(timeouts.validation().toMillis());
        String url = database.jdbcUrl();
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            // Connector/J: milliseconds.
            pool.addDataSourceProperty("connectTimeout", Long.toString(timeouts.connection().toMillis()));
            pool.addDataSourceProperty("socketTimeout", Long.toString(timeouts.socket().toMillis()));
        } else if (url.startsWith("jdbc:postgresql:")) {
            // PostgreSQL JDBC: seconds.
            pool.addDataSourceProperty("connectTimeout", Long.toString(timeouts.connection().toSeconds()));
            pool.addDataSourceProperty("loginTimeout", Long.toString(timeouts.connection().toSeconds()));
            pool.addDataSourceProperty("socketTimeout", Long.toString(timeouts.socket().toSeconds()));
            // A query timeout cancels over a second connection, and the statement waits for that:
            // its connect and read are bounded by this (default 10 s), or a stalled network adds it.
            pool.addDataSourceProperty("cancelSignalTimeout", Long.toString(timeouts.cancelSeconds()));
        }
        // H2 in memory: no network, so nothing to time out but statements (OrderRepository).
        pool.setInitializationFailTimeout(-1);
        return pool;
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
