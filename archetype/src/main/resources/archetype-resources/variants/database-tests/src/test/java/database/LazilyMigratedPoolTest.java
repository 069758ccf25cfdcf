package ${package}.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ${package}.orders.OrderRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The embedded database is opened and migrated on the pool's first connection, once, not at init.
 * Each test has an in-memory database of its own, so none sees another's (or the session's) schema.
 */
class LazilyMigratedPoolTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final DatabaseProperties database = new DatabaseProperties(
            DatabaseProperties.EMBEDDED_URL.replace("jdbc:h2:mem:app", "jdbc:h2:mem:lazy" + DATABASES.incrementAndGet()), null, null);
    private final AtomicInteger migrations = new AtomicInteger();

    @Test
    void nothingIsOpenedNorMigratedBeforeTheFirstConnection() throws SQLException {
        try (LazilyMigratedPool pool = ConnectionPool.embedded(database, this::countedMigration)) {
            new OrderRepository(pool);
            new DatabaseHealthCheck(pool);

            assertThat(migrations).hasValue(0);
            assertThat(pool.isRunning()).as("pool started").isFalse();
            assertThat(pool.isMigrated()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl() + ";IFEXISTS=TRUE").close())
                    .as("the in-memory database exists").isInstanceOf(SQLException.class);

            assertThat(new OrderRepository(pool).findRecent()).isEmpty();
            assertThat(migrations).hasValue(1);
            assertThat(pool.isMigrated()).isTrue();
        }
    }

    @Test
    void overlappingFirstRequestsWaitForExactlyOneMigration() throws Exception {
        int atOnce = 16;
        AtomicInteger migrating = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        LazilyMigratedPool.Migration slow = properties -> {
            mostAtOnce.accumulateAndGet(migrating.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
                countedMigration(properties);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                migrating.decrementAndGet();
            }
        };
        // Not try-with-resources: an ExecutorService is AutoCloseable only from Java 19 (javaVersion 17).
        ExecutorService threads = Executors.newFixedThreadPool(atOnce);
        try (LazilyMigratedPool pool = ConnectionPool.embedded(database, slow)) {
            DatabaseHealthCheck health = new DatabaseHealthCheck(pool);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int thread = 0; thread < atOnce; thread++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return health.isUp();
                }));
            }
            start.countDown();
            for (Future<Boolean> up : answers) {
                assertThat(up.get()).as("health of an overlapping first request").isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(migrations).hasValue(1);
        assertThat(mostAtOnce).as("migrations running at once").hasValue(1);
    }

    @Test
    void aFailedMigrationFailsThatRequestAndTheNextOneMigratesAfresh() {
        LazilyMigratedPool.Migration failingFirst = properties -> {
            if (migrations.incrementAndGet() == 1) {
                // Half done: a table created, then the failure. The retry must not trip over it.
                try (Connection connection = DriverManager.getConnection(properties.jdbcUrl());
                        Statement create = connection.createStatement()) {
                    create.execute("CREATE TABLE orders (id INT)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("disk full");
            }
            DatabaseMigrations.migrate(properties);
        };
        try (LazilyMigratedPool pool = ConnectionPool.embedded(database, failingFirst)) {
            OrderRepository orders = new OrderRepository(pool);

            // DatabaseUnavailableException: what every route answers with a 503 problem.
            assertThatThrownBy(orders::findRecent)
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("Could not migrate the embedded database: disk full");
            assertThat(pool.isMigrated()).isFalse();

            assertThat(orders.create("retried", 1).item()).isEqualTo("retried");
            assertThat(orders.findRecent()).hasSize(1);
            assertThat(migrations).hasValue(2);
        }
    }

    @Test
    void healthIsUpOnlyOnceTheDatabaseIsReachedAndMigrated() throws SQLException {
        try (LazilyMigratedPool failing = ConnectionPool.embedded(database, properties -> {
            throw new IllegalStateException("no migration");
        })) {
            assertThat(new DatabaseHealthCheck(failing).isUp()).isFalse();
        }
        try (LazilyMigratedPool pool = ConnectionPool.embedded(database, this::countedMigration)) {
            assertThat(new DatabaseHealthCheck(pool).isUp()).isTrue();
            assertThat(migrations).hasValue(1);
            try (Connection connection = pool.getConnection(); Statement count = connection.createStatement()) {
                assertThat(count.executeQuery("SELECT COUNT(*) FROM orders").next()).as("the orders table").isTrue();
            }
        }
    }

    private void countedMigration(DatabaseProperties properties) {
        migrations.incrementAndGet();
        DatabaseMigrations.migrate(properties);
    }
}
