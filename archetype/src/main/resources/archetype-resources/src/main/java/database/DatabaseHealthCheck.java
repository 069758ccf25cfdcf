package ${package}.database;

import ${package}.web.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The database is up when a connection can be had and answers a validity check. */
public class DatabaseHealthCheck implements HealthCheck {

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean isUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(Math.max(1, (int) DatabaseTimeouts.fromEnvironment().validation().toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }
}
