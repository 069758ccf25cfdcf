package ${package}.database;

import ${package}.orders.OrderRepository;
import ${package}.web.HealthCheck;
import javax.sql.DataSource;

/**
 * The database side of the API, set up once per container: pool, repository, health check.
 * Nothing here connects; the embedded database is migrated on the pool's first use.
 */
public record Database(DataSource dataSource, OrderRepository orders, HealthCheck healthCheck) {

    public static Database fromEnvironment() {
        DataSource pool = ConnectionPool.forEnvironment();
        return new Database(pool, new OrderRepository(pool), new DatabaseHealthCheck(pool));
    }
}
