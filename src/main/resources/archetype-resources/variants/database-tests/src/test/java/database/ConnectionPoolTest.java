package ${package}.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pool holds one connection per invocation an environment serves at once. */
class ConnectionPoolTest {

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
