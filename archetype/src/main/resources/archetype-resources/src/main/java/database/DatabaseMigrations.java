package ${package}.database;

import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned migrations in {@code db/migration}. Run {@link #main} once per deploy
 * against the real database (README: "Database migrations"); the embedded database is
 * migrated automatically, when its pool's first connection is asked for ({@link LazilyMigratedPool}).
 */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    /** Migrates over connections of its own: Flyway needs more than the one the pool allows. */
    public static void migrate(DatabaseProperties database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * Migrates the database named by DATABASE_URL, as the login of DATABASE_SECRET_ARN's secret
     * where that is set (the function's own), else of DATABASE_USER and DATABASE_PASSWORD.
     */
    public static void main(String[] args) throws SQLException {
        DatabaseProperties database = DatabaseProperties.fromEnvironment();
        if (database.isEmbedded()) {
            System.err.println("DATABASE_URL is not set: nothing to migrate (the embedded database migrates itself).");
            System.exit(2);
        }
        DatabaseLogin login = DatabaseCredentials.forEnvironment(database, DatabaseTimeouts.fromEnvironment()).current();
        migrate(new DatabaseProperties(database.url(), login.user(), login.password()));
    }
}
