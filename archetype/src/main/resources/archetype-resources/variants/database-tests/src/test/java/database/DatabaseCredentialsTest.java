package ${package}.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The login from Secrets Manager, on the embedded database with a password of its own: nothing is
 * fetched before the first connection, the login is kept, a refused one is fetched again and the
 * connection retried once (a rotation survived), and no password reaches an error message.
 * A stand-in replaces the SDK's client here; DatabaseServersIT in the archetype's build runs the
 * real one against a stand-in for Secrets Manager, on real servers.
 */
class DatabaseCredentialsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String url = DatabaseProperties.EMBEDDED_URL.replace("jdbc:h2:mem:app",
            "jdbc:h2:mem:credentials" + DATABASES.incrementAndGet());
    private final AtomicInteger sourcesOpened = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void nothingIsFetchedBeforeTheFirstConnectionAndTheLoginIsKept() throws SQLException {
        DatabaseLogin login = createDatabase("app", "first-password");
        SecretsManagerCredentials credentials = secretAnswering(login);
        DataSource dataSource = new LoginRetryingDataSource(url, new Properties(), credentials);
        assertThat(sourcesOpened).as("clients made before any connection").hasValue(0);

        dataSource.getConnection().close();
        dataSource.getConnection().close();

        assertThat(sourcesOpened).hasValue(1);
        assertThat(fetches).as("fetches for two connections").hasValue(1);
    }

    @Test
    void aRotatedPasswordIsFetchedAgainAndThatConnectionRetriedOnce() throws SQLException {
        DatabaseLogin before = createDatabase("app", "password-before-rotation");
        DatabaseLogin after = new DatabaseLogin("app", "password-after-rotation");
        SecretsManagerCredentials credentials = secretAnswering(before, after);
        DataSource dataSource = new LoginRetryingDataSource(url, new Properties(), credentials);
        dataSource.getConnection().close();

        rotate(before, after);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }

        assertThat(fetches).as("the first fetch, and one after the refusal").hasValue(2);
        assertThat(credentials.current()).isEqualTo(after);
    }

    @Test
    void theRotationIsPickedUpThroughThePoolWithinOneRequest() throws SQLException {
        DatabaseLogin before = createDatabase("app", "stale-password");
        DatabaseLogin after = new DatabaseLogin("app", "current-password");
        rotate(before, after);
        DatabaseTimeouts timeouts = new DatabaseTimeouts(5);
        try (var pool = ConnectionPool.create(new DatabaseProperties(url, null, null), secretAnswering(before, after), timeouts);
                DatabaseWork work = DatabaseWork.start(pool, timeouts)) {
            assertThat(work.isValid()).isTrue();
        }
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRefusalWithNothingNewerStandsAndNamesNoPassword() throws SQLException {
        createDatabase("app", "the-real-password");
        DatabaseLogin wrong = new DatabaseLogin("app", "a-wrong-password");
        DataSource dataSource = new LoginRetryingDataSource(url, new Properties(), secretAnswering(wrong, wrong, wrong));

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(LoginRetryingDataSource.isRefusedLogin(e)).isTrue())
                .message().doesNotContain("a-wrong-password").doesNotContain("the-real-password");
        assertThat(fetches).as("the first fetch and one more, no loop").hasValue(2);
    }

    @Test
    void aSecretThatCannotBeReadFailsTheConnectionNotTheStart() {
        SecretsManagerCredentials credentials = new SecretsManagerCredentials(() -> {
            sourcesOpened.incrementAndGet();
            return () -> {
                throw new SQLException("Secrets Manager unreachable", "08001");
            };
        });
        DataSource dataSource = new LoginRetryingDataSource(url, new Properties(), credentials);
        assertThat(sourcesOpened).hasValue(0);

        assertThatThrownBy(dataSource::getConnection).hasMessageContaining("Secrets Manager unreachable");
    }

    @Test
    void theLoginIsReadFromTheSecretsJsonAndNeverQuotedWhenItIsNone() throws SQLException {
        // The shape of the secret RDS manages for a database: more keys than these two.
        assertThat(SecretsManagerSecret.loginIn(
                "{\"engine\":\"mysql\",\"host\":\"db\",\"port\":3306,\"username\":\"app\",\"password\":\"s3cr3t\"}"))
                .isEqualTo(new DatabaseLogin("app", "s3cr3t"));
        for (String broken : List.of("{\"username\":\"app\",\"password\":\"s3cr3t\"", "{\"username\":\"app\"}",
                "[\"s3cr3t\"]", "{\"username\":\"app\",\"password\":42}")) {
            assertThatThrownBy(() -> SecretsManagerSecret.loginIn(broken))
                    .hasMessageContaining("\"username\" and \"password\"")
                    .message().doesNotContain("s3cr3t");
        }
        assertThat(new DatabaseLogin("app", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theSecretsRegionIsTheOneItsArnNames() {
        assertThat(SecretsManagerSecret.regionOf("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"))
                .isEqualTo("eu-west-1");
        assertThat(SecretsManagerSecret.regionOf("db-credentials")).as("a name: AWS_REGION's region").isNull();
    }

    /** Creates this test's database, its administrator the given login. */
    private DatabaseLogin createDatabase(String user, String password) throws SQLException {
        DriverManager.getConnection(url, user, password).close();
        return new DatabaseLogin(user, password);
    }

    /** What Secrets Manager's rotation does: the database's password changes. */
    private void rotate(DatabaseLogin before, DatabaseLogin after) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, before.user(), before.password());
                Statement alter = connection.createStatement()) {
            alter.execute("ALTER USER " + after.user() + " SET PASSWORD '" + after.password() + "'");
        }
    }

    /** A secret that answers these logins, one per fetch (the last one again after them). */
    private SecretsManagerCredentials secretAnswering(DatabaseLogin... answers) {
        Deque<DatabaseLogin> queue = new ArrayDeque<>(List.of(answers));
        return new SecretsManagerCredentials(() -> {
            sourcesOpened.incrementAndGet();
            return () -> {
                fetches.incrementAndGet();
                return queue.size() > 1 ? queue.poll() : queue.peek();
            };
        });
    }
}
