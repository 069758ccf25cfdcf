package ${package}.database;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The login in a Secrets Manager secret: fetched when the first connection needs it, not at start
 * (a cold start that serves only routes without the database fetches nothing and loads none of
 * the AWS SDK), kept, and fetched again when the database refuses it, so the first connection
 * after a rotation picks the new password up. One fetch at a time; a connection refused with a
 * login another one has already replaced takes the new login without fetching.
 */
final class SecretsManagerCredentials implements DatabaseCredentials {

    /** Reads the secret's login; {@link SecretsManagerSecret} in the function, a stand-in in tests. */
    @FunctionalInterface
    interface SecretSource {
        DatabaseLogin fetch() throws SQLException;
    }

    private final Supplier<SecretSource> openSource;
    // A lock, not synchronized: a virtual thread waiting on a monitor pins its carrier before Java 24.
    private final ReentrantLock fetching = new ReentrantLock();
    private SecretSource source;
    private volatile DatabaseLogin kept;

    /** {@code openSource} is called at the first fetch: only then is the SDK's client made. */
    SecretsManagerCredentials(Supplier<SecretSource> openSource) {
        this.openSource = openSource;
    }

    static SecretsManagerCredentials fetching(String secretArn, DatabaseTimeouts timeouts) {
        return new SecretsManagerCredentials(() -> new SecretsManagerSecret(secretArn, timeouts));
    }

    @Override
    public DatabaseLogin current() throws SQLException {
        DatabaseLogin login = kept;
        return login != null ? login : fetchUnless(null);
    }

    @Override
    public Optional<DatabaseLogin> renewedAfterRefusal(DatabaseLogin refused) throws SQLException {
        DatabaseLogin renewed = fetchUnless(refused);
        return renewed.equals(refused) ? Optional.empty() : Optional.of(renewed);
    }

    /** The kept login, fetched anew when there is none or it is {@code refused}. */
    private DatabaseLogin fetchUnless(DatabaseLogin refused) throws SQLException {
        fetching.lock();
        try {
            DatabaseLogin login = kept;
            if (login != null && !login.equals(refused)) {
                return login;
            }
            if (source == null) {
                try {
                    source = openSource.get();
                } catch (RuntimeException e) {
                    throw new SQLException("Could not set up the Secrets Manager client: " + e.getMessage(), "08001", e);
                }
            }
            login = source.fetch();
            kept = login;
            return login;
        } finally {
            fetching.unlock();
        }
    }
}
