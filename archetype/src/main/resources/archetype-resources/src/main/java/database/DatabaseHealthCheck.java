package ${package}.database;

import ${package}.web.HealthCheck;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The database is up when a connection can be had and answers a validity check, within one request's deadline. */
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
        try (DatabaseWork work = DatabaseWork.start(dataSource)) {
            return work.isValid();
        } catch (SQLException e) {
            return false;
        }
    }
}
