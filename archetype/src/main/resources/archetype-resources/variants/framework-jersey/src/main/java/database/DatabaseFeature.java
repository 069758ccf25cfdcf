package ${package}.database;

import ${package}.orders.OrderRepository;
import ${package}.orders.OrderResource;
import ${package}.web.ApiErrors;
import ${package}.web.HealthCheck;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.spi.AbstractContainerLifecycleListener;
import org.glassfish.jersey.server.spi.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this project's database brings to the application: the Lambda-sized connection pool
 * (the embedded database migrated on its first use, not here), the orders routes over it, its
 * health check, and a 503 problem when it is unavailable.
 */
public class DatabaseFeature implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        HikariDataSource pool = ConnectionPool.forEnvironment();
        context.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(new OrderRepository(pool)).to(OrderRepository.class);
                bind(new DatabaseHealthCheck(pool)).to(HealthCheck.class);
            }
        });
        context.register(OrderResource.class);
        context.register(Unavailable.class);
        context.register(new AbstractContainerLifecycleListener() {
            @Override
            public void onShutdown(Container container) {
                pool.close();
            }
        });
        return true;
    }

    /** {@link DatabaseUnavailableException}: 503, so the caller knows to try again. */
    public static class Unavailable extends ApiErrors.ProblemMapper<DatabaseUnavailableException> {

        private static final Logger log = LoggerFactory.getLogger(Unavailable.class);

        @Override
        public Response toResponse(DatabaseUnavailableException e) {
            log.warn("Database unavailable: {}", e.getMessage());
            return problem(Status.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly.").response().build();
        }
    }
}
