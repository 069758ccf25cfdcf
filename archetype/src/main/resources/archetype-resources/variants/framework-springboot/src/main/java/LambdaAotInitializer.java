package ${package};

import org.springframework.aot.AotDetector;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.AotApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Applies the bean definitions Spring AOT generated at build time ({@link LambdaApplication})
 * when the JVM runs with {@code -Dspring.aot.enabled=true}. Spring Boot would look for them next
 * to the JVM's main class, which on Lambda is the runtime interface client's, so this initializer
 * (META-INF/spring.factories) names them. Without the flag it does nothing.
 */
public class LambdaAotInitializer implements AotApplicationContextInitializer<GenericApplicationContext> {

    private static final String GENERATED = LambdaApplication.class.getName() + "__ApplicationContextInitializer";

    @Override
    public void initialize(GenericApplicationContext context) {
        if (AotDetector.useGeneratedArtifacts()) {
            AotApplicationContextInitializer.<GenericApplicationContext>forInitializerClasses(GENERATED).initialize(context);
        }
    }
}
