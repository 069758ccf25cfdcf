package ${package};

import ${package}.hello.HelloResource;
import ${package}.web.ApiErrors;
import ${package}.web.CorrelationIdFilter;
import ${package}.web.CorsFilter;
import ${package}.web.HealthResource;
import ${package}.web.JsonMapping;
import ${package}.web.UnusableMediaTypes;
import java.net.URI;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The Jersey application: every resource, filter and provider, registered one by one (no
 * classpath scanning, which would slow the cold start). On Lambda, {@link LambdaHandler} runs
 * it; {@link #main} (scripts/run-local.sh, Dockerfile.server) serves the same routes over plain HTTP.
 *
 * <p>{@code /hello/} is answered as {@code /hello} by JAX-RS's own matching rules: a resource
 * method matches when at most a {@code /} is left of the path.
 */
public class Application extends ResourceConfig {

    static {
        // Jersey logs through java.util.logging; its lines go to SLF4J, to be JSON like every other.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    public Application() {
        // Only what is registered here: no provider discovery on the classpath, and no WADL.
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);

        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapping.class);
        register(ValidationFeature.class);
        register(ApiErrors.class);

        register(CorrelationIdFilter.class);
        register(UnusableMediaTypes.class);
        register(CorsFilter.class);

        register(HealthResource.class);
        register(HelloResource.class);
#if ($database != 'none')
        register(${package}.database.DatabaseFeature.class);
#end
    }

    /** Serves the application over HTTP on {@code PORT} (default 8080) with the JDK's built-in server. */
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        var server = JdkHttpServerFactory.createHttpServer(URI.create("http://0.0.0.0:" + port + "/"), new Application());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        LoggerFactory.getLogger(Application.class).info("Listening on port {}", port);
    }
}
