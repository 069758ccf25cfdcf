package ${package}.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.database.ConnectionPool;
import ${package}.database.DatabaseMigrations;
import ${package}.database.DatabaseProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository on the embedded database, or on the real server named by DATABASE_URL,
 * DATABASE_USER and DATABASE_PASSWORD when the build's environment sets them.
 */
class OrderRepositoryTest {

    private static HikariDataSource pool;
    private static OrderRepository orders;

    @BeforeAll
    static void connect() {
        DatabaseProperties database = DatabaseProperties.fromEnvironment();
        DatabaseMigrations.migrate(database);
        pool = ConnectionPool.create(database);
        orders = new OrderRepository(pool);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    @Test
    void createdOrderCanBeReadBack() {
        Order created = orders.create("coffee", 2);

        assertThat(created.id()).isPositive();
        assertThat(created.createdAt()).isNotNull();
        assertThat(orders.findById(created.id())).contains(created);
        assertThat(orders.findRecent()).first().isEqualTo(created);
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(orders.findById(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void hostileValuesAreStoredAsData() {
        String hostile = "'; DROP TABLE orders; -- \"\\ ünïcødé ✓";

        Order created = orders.create(hostile, 1);

        assertThat(orders.findById(created.id())).map(Order::item).contains(hostile);
        assertThat(orders.findRecent()).isNotEmpty();
    }
}
