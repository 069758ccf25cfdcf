package ${package}.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded database's pool: it starts empty in every container, so it is migrated, but only
 * when the first connection is asked for, not at init. Routes without the database (GET /hello)
 * never pay for H2 and Flyway; the first request that needs them does, once. Overlapping first
 * requests (managed instances) wait for that one migration. A failed migration fails that request
 * like an unreachable database ({@link SQLException}: 503) and is tried again by the next one.
 */
public final class LazilyMigratedPool extends HikariDataSource {

    /** What brings an empty database to the current schema; {@link DatabaseMigrations#migrate} in the function. */
    @FunctionalInterface
    public interface Migration {
        void migrate(DatabaseProperties database);
    }

    private final DatabaseProperties database;
    private final Migration migration;
    // A lock, not synchronized: a virtual thread waiting on a monitor pins its carrier before Java 24.
    private final ReentrantLock migrating = new ReentrantLock();
    private volatile boolean migrated;

    LazilyMigratedPool(DatabaseProperties database, Migration migration) {
        this.database = database;
        this.migration = migration;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!migrated) {
            migrate();
        }
        return super.getConnection();
    }

    /** Whether the database has been migrated, i.e. a connection was asked for and the migration succeeded. */
    public boolean isMigrated() {
        return migrated;
    }

    private void migrate() throws SQLException {
        migrating.lock();
        try {
            if (migrated) {
                return;
            }
            try {
                migration.migrate(database);
            } catch (RuntimeException e) {
                emptyDatabase();
                throw new SQLException("Could not migrate the embedded database: " + e.getMessage(), e);
            }
            migrated = true;
        } finally {
            migrating.unlock();
        }
    }

    /** Drops what a failed migration left half done, so the next try starts from empty, as a new container would. */
    private void emptyDatabase() {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement drop = connection.createStatement()) {
            drop.execute("DROP ALL OBJECTS");
        } catch (SQLException e) {
            // The migration's own failure is the one to report; the next try fails again if this mattered.
        }
    }
}
