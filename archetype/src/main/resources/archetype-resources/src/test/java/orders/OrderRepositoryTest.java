package ${package}.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.database.ConnectionPool;
import ${package}.database.DatabaseProperties;
import ${package}.database.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository on the embedded database, or on the real server named by DATABASE_URL,
 * DATABASE_USER and DATABASE_PASSWORD when the build's environment sets them (migrated first by
 * {@link TestDatabase}).
 */
class OrderRepositoryTest {

    private static HikariDataSource pool;
    private static OrderRepository orders;

    @BeforeAll
    static void connect() {
        TestDatabase.migrate();
        pool = ConnectionPool.create(DatabaseProperties.fromEnvironment());
        orders = new OrderRepository(pool);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    @Test
    void runsOnTheDatabaseTheEnvironmentNames() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (DatabaseProperties.fromEnvironment().isEmbedded()) {
                assertThat(product).isEqualTo("H2");
            } else {
                assertThat(product).as("DATABASE_URL names a real server").isNotEqualTo("H2");
            }
        }
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

    /** Every value is bound to a prepared statement: what looks like SQL is stored as text. */
    @ParameterizedTest
    @ValueSource(strings = {
        "'; DROP TABLE orders; -- \"\\ ünïcødé ✓",
        "1' OR '1'='1",
        "Robert'); DELETE FROM orders WHERE ('1'='1",
        "\\'; SELECT pg_sleep(10); SELECT SLEEP(10); --",
        "%_[]*? $1 /* */ ;",
        "emoji 😀, CJK 注文, RTL עברית, combining e\u0301",
        "a\tb\r\nc",
    })
    void hostileValuesAreStoredAsData(String hostile) {
        Order created = orders.create(hostile, 1);

        assertThat(orders.findById(created.id())).map(Order::item).contains(hostile);
        assertThat(orders.findRecent()).first().isEqualTo(created);
    }

    @Test
    void longestItemIsStoredWhole() {
        // 200 UTF-16 chars, as validation counts them (an emoji counts twice): 134 characters to the database.
        String longest = "ü😀".repeat(66) + "üü";

        Order created = orders.create(longest, 1);

        assertThat(orders.findById(created.id())).map(Order::item).contains(longest);
    }
}
