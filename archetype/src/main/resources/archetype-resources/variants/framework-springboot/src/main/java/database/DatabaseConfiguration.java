package ${package}.database;

import ${package}.orders.OrderRepository;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database beans: configuration from the environment, the Lambda-sized pool, the repository.
 * Creating them connects to nothing: the embedded database is migrated on the pool's first use.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource() {
        return ConnectionPool.forEnvironment();
    }

    @Bean
    OrderRepository orderRepository(DataSource dataSource) {
        return new OrderRepository(dataSource);
    }

    @Bean
    DatabaseHealthCheck databaseHealthCheck(DataSource dataSource) {
        return new DatabaseHealthCheck(dataSource);
    }
}
