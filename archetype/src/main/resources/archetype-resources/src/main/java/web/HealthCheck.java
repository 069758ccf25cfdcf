package ${package}.web;

/** A dependency the health route reports on, by name. */
public interface HealthCheck {

    String name();

    boolean isUp();
}
