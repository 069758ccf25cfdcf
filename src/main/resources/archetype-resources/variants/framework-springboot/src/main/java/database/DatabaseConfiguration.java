package ${package}.database;

import ${package}.web.HealthCheck;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, sized for Lambda, and the embedded database's schema. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties database) {
        if (database.isEmbedded()) {
            // The embedded database starts empty in every container; a real one is migrated
            // once at deploy time (DatabaseMigrations), not on every cold start.
            DatabaseMigrations.migrate(database);
        }
        return createPool(database);
    }

    /**
     * A Lambda container serves one request at a time and is frozen between requests, so one
     * connection is enough, none is opened before the first query, an idle one is dropped
     * rather than held across freezes, and a busy database fails fast instead of hanging.
     */
    public static HikariDataSource createPool(DatabaseProperties database) {
        // Not `new HikariDataSource(config)`: that opens a connection at once; this opens lazily.
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("lambda");
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(1);
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        pool.setMaxLifetime(Duration.ofMinutes(5).toMillis());
        pool.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        pool.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @Bean
    HealthCheck databaseHealthCheck(DataSource dataSource) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp() {
                try (Connection connection = dataSource.getConnection()) {
                    return connection.isValid(2);
                } catch (SQLException e) {
                    return false;
                }
            }
        };
    }
}
