package ${package}.hello;

/** The answer of {@code /hello}. */
public record Greeting(String message) {

    /** Who is greeted when no name is given. */
    public static final String DEFAULT_NAME = "visitor";

    public static Greeting of(String name) {
        return new Greeting("hello, " + name + "!");
    }
}
