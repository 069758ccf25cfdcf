package ${package}.database;

import com.zaxxer.hikari.util.DriverDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the pool opens its connections through: the JDBC driver, with the login
 * {@link DatabaseCredentials} gives now, and when the database refuses it (SQLState class 28,
 * "invalid authorization"), once more with a renewed one. After the secret's password was
 * rotated, the first new connection fetches it again and succeeds: no failed request, no restart.
 * Nothing is loaded before the first connection: not the driver, not the login.
 */
final class LoginRetryingDataSource implements DataSource {

    private final String jdbcUrl;
    private final Properties driverProperties;
    private final DatabaseCredentials credentials;
    private volatile DataSource driver;
    private volatile int loginTimeoutSeconds;

    LoginRetryingDataSource(String jdbcUrl, Properties driverProperties, DatabaseCredentials credentials) {
        this.jdbcUrl = jdbcUrl;
        this.driverProperties = driverProperties;
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseLogin login = credentials.current();
        try {
            return connect(login);
        } catch (SQLException refused) {
            if (!isRefusedLogin(refused)) {
                throw refused;
            }
            Optional<DatabaseLogin> renewed = credentials.renewedAfterRefusal(login);
            if (renewed.isEmpty()) {
                throw refused;
            }
            return connect(renewed.get());
        }
    }

    /** SQLState class 28: MySQL and MariaDB 28000 (access denied), PostgreSQL 28P01 and 28000, H2 28000. */
    static boolean isRefusedLogin(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("28");
    }

    private Connection connect(DatabaseLogin login) throws SQLException {
        return driver().getConnection(login.user(), login.password());
    }

    private DataSource driver() throws SQLException {
        DataSource loaded = driver;
        if (loaded == null) {
            try {
                // Finds the driver for the URL among those on the class path.
                loaded = new DriverDataSource(jdbcUrl, null, driverProperties, null, null);
            } catch (RuntimeException e) {
                throw new SQLException("No JDBC driver for " + jdbcUrl.replaceFirst("[?;].*", ""), "08001", e);
            }
            driver = loaded;
        }
        return loaded;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The login comes from DatabaseCredentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // No log writer: the drivers log through their own loggers.
    }

    /** Kept for the pool to read back; the driver's connectTimeout (ConnectionPool) is what bounds a connect. */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
