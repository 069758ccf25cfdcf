package ${package}.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

/**
 * The pool holds one connection per invocation an environment serves at once, and creating it
 * connects to nothing: the embedded database is migrated on first use, a real one never here.
 */
class ConnectionPoolTest {

    @Test
    void creatingThePoolConnectsToNothingAndMigratesNothing() {
        try (HikariDataSource pool = ConnectionPool.forEnvironment()) {
            assertThat(pool.isRunning()).as("pool started").isFalse();
            if (DatabaseProperties.fromEnvironment().isEmbedded()) {
                assertThat(pool).isInstanceOfSatisfying(LazilyMigratedPool.class,
                        embedded -> assertThat(embedded.isMigrated()).as("migrated").isFalse());
            } else {
                // A real database is migrated at deploy time (DatabaseMigrations), never by the function.
                assertThat(pool).isNotInstanceOf(LazilyMigratedPool.class);
            }
        }
    }

    @Test
    void oneConnectionWhereLambdaSendsOneInvocationAtATime() {
        assertThat(ConnectionPool.maximumPoolSize(null)).isEqualTo(1);
        assertThat(ConnectionPool.maximumPoolSize("")).isEqualTo(1);
    }

    @Test
    void oneConnectionPerInvocationInFlightOnManagedInstances() {
        assertThat(ConnectionPool.maximumPoolSize("16")).isEqualTo(16);
    }

    @Test
    void aMaxConcurrencyThatIsNoNumberIsNamed() {
        assertThatThrownBy(() -> ConnectionPool.maximumPoolSize("many"))
                .hasMessageContaining("AWS_LAMBDA_MAX_CONCURRENCY must be a whole number, not 'many'");
    }
}
