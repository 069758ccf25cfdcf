package ${package}.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the database the tests run on before any test class is loaded: the embedded H2 by
 * default, or the real server named by {@code DATABASE_URL}, {@code DATABASE_USER} and
 * {@code DATABASE_PASSWORD} (the variables the function reads) when the build's environment sets
 * them. Either is migrated the way a deploy migrates the real one ({@link DatabaseMigrations}),
 * so the repository tests and the route tests through {@code LambdaHandler} find the schema
 * whatever order they run in.
 *
 * <p>A JUnit {@link LauncherSessionListener}, registered in
 * {@code src/test/resources/META-INF/services/org.junit.platform.launcher.LauncherSessionListener}:
 * Maven, Gradle and IDEs all call it.
 */
public class TestDatabase implements LauncherSessionListener {

    private static volatile boolean migrated;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        migrate();
    }

    /** Migrates the test database once per JVM; later calls do nothing. */
    public static synchronized void migrate() {
        if (migrated) {
            return;
        }
        DatabaseProperties database = DatabaseProperties.fromEnvironment();
        try {
            DatabaseMigrations.migrate(database);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not migrate the test database " + describe(database)
                    + ". Unset DATABASE_URL to test on the embedded database.", e);
        }
        migrated = true;
        System.out.println("Tests use " + describe(database) + ", migrated by DatabaseMigrations.");
    }

    /** The database product and version, read from a connection, and where it is. */
    public static String describe(DatabaseProperties database) {
        // Without the query string, where a URL may carry credentials.
        String where = database.isEmbedded() ? "the embedded database" : database.url().replaceFirst("[?;].*", "");
        try (Connection connection = DriverManager.getConnection(
                database.jdbcUrl(), database.user(), database.password())) {
            DatabaseMetaData metadata = connection.getMetaData();
            return metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion() + " (" + where + ")";
        } catch (SQLException e) {
            return where;
        }
    }
}
