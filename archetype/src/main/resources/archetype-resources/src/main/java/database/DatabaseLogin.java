package ${package}.database;

/** A user name and password to connect with; {@link #toString()} never shows the password. */
public record DatabaseLogin(String user, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user + ", password=" + (password == null ? "<none>" : "<hidden>") + "]";
    }
}
