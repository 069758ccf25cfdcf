package ${package}.database;

/**
 * Where the database is: {@code DATABASE_URL}, {@code DATABASE_USER} and
 * {@code DATABASE_PASSWORD}, as Lambda's environment (template.yaml) sets them. Without a URL
 * the embedded database is used.
 */
public record DatabaseProperties(String url, String user, String password) {

    /** Embedded H2 in the compatibility mode of the database this project was generated for. */
#if ($database == 'postgresql')
    static final String EMBEDDED_URL = "jdbc:h2:mem:app;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
#else
    static final String EMBEDDED_URL = "jdbc:h2:mem:app;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
#end

    public static DatabaseProperties fromEnvironment() {
        return new DatabaseProperties(
                System.getenv("DATABASE_URL"), System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"));
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    public String jdbcUrl() {
        return isEmbedded() ? EMBEDDED_URL : url;
    }

    /** Never shows the password, so logging these properties cannot leak it. */
    @Override
    public String toString() {
        return "DatabaseProperties[url=" + jdbcUrl() + ", user=" + user + ", password="
                + (password == null ? "<none>" : "<hidden>") + "]";
    }
}
