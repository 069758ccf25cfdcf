package ${package}.database;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Who the function is to the database. In AWS, the login in the Secrets Manager secret that
 * {@code DATABASE_SECRET_ARN} names, fetched at run time ({@link SecretsManagerCredentials}): no
 * password sits in the function's configuration, and a rotated one is picked up without a restart.
 * Locally and in tests, {@code DATABASE_USER} and {@code DATABASE_PASSWORD} as given.
 */
public interface DatabaseCredentials {

    /** The ARN of the secret with "username" and "password" keys; set, it wins over DATABASE_USER/PASSWORD. */
    String SECRET_ARN_VARIABLE = "DATABASE_SECRET_ARN";

    /** The login to connect with now (fetched the first time it is asked for, where it is fetched). */
    DatabaseLogin current() throws SQLException;

    /**
     * After the database refused {@code refused}: a newer login to try once more, or empty when
     * there is none (the refusal stands).
     */
    Optional<DatabaseLogin> renewedAfterRefusal(DatabaseLogin refused) throws SQLException;

    /** The secret's login where DATABASE_SECRET_ARN is set (and the database is no embedded one), else the given one. */
    static DatabaseCredentials forEnvironment(DatabaseProperties database, DatabaseTimeouts timeouts) {
        String secretArn = System.getenv(SECRET_ARN_VARIABLE);
        if (secretArn == null || secretArn.isBlank() || database.isEmbedded()) {
            return given(database);
        }
        return SecretsManagerCredentials.fetching(secretArn.strip(), timeouts);
    }

    /** DATABASE_USER and DATABASE_PASSWORD as {@code database} holds them; a refusal stands. */
    static DatabaseCredentials given(DatabaseProperties database) {
        return new Given(new DatabaseLogin(database.user(), database.password()));
    }

    /** A login that never changes. */
    record Given(DatabaseLogin login) implements DatabaseCredentials {

        @Override
        public DatabaseLogin current() {
            return login;
        }

        @Override
        public Optional<DatabaseLogin> renewedAfterRefusal(DatabaseLogin refused) {
            return Optional.empty();
        }
    }
}
