package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application. On Lambda, {@link LambdaHandler} starts it; {@link #main}
 * (scripts/run-local.sh, Dockerfile.server) serves the same routes over plain HTTP.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
