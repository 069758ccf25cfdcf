package ${package}.database;

import java.sql.SQLException;

/** The database could not be reached or failed the statement; routes answer 503. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
