package ${package}.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One deadline for a request's database work: each statement may take only what is left of it,
 * and past it nothing more is sent (the routes answer 503).
 */
class DatabaseWorkTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final DatabaseProperties database = new DatabaseProperties(DatabaseProperties.EMBEDDED_URL.replace(
            "jdbc:h2:mem:app", "jdbc:h2:mem:work" + DATABASES.incrementAndGet()), null, null);

    @Test
    void eachStatementIsGivenOnlyWhatIsLeftOfTheDeadline() throws Exception {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(5);
        try (var pool = ConnectionPool.create(database, DatabaseCredentials.given(database), timeouts);
                DatabaseWork work = DatabaseWork.start(pool, timeouts)) {
            int first;
            try (PreparedStatement statement = work.prepare("SELECT 1")) {
                // The whole seconds left (under 5, the connection took some), less the second a cancel may take.
                first = statement.getQueryTimeout();
                assertThat(first).isBetween(1, timeouts.seconds() - 1 - timeouts.cancelSeconds());
            }
            Thread.sleep(2_100);
            try (PreparedStatement statement = work.prepare("SELECT 1")) {
                assertThat(statement.getQueryTimeout()).as("query timeout 2.1 s later").isLessThanOrEqualTo(1).isLessThan(first);
            }
        }
    }

    @Test
    void pastTheDeadlineNothingMoreIsSent() throws Exception {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(1);
        try (var pool = ConnectionPool.create(database, DatabaseCredentials.given(database), timeouts);
                DatabaseWork work = DatabaseWork.start(pool, timeouts)) {
            work.begin();
            Thread.sleep(1_100);
            assertThatThrownBy(() -> work.prepare("SELECT 1"))
                    .isInstanceOf(SQLTimeoutException.class)
                    .hasMessageContaining("DATABASE_TIMEOUT_SECONDS");
            assertThatThrownBy(work::commit).isInstanceOf(SQLTimeoutException.class);
        }
    }

    @Test
    void aDeadlineIsPerWorkNotPerPool() throws SQLException {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(5);
        try (var pool = ConnectionPool.create(database, DatabaseCredentials.given(database), timeouts)) {
            for (int request = 0; request < 3; request++) {
                try (DatabaseWork work = DatabaseWork.start(pool, timeouts)) {
                    assertThat(work.isValid()).as("request " + request).isTrue();
                }
            }
        }
    }
}
