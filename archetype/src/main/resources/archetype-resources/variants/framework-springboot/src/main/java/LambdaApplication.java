package ${package};

import com.amazonaws.serverless.proxy.spring.embedded.ServerlessServletEmbeddedServerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Build time only: Spring AOT (the spring-boot-maven-plugin's process-aot goal) processes the
 * application the way {@link LambdaHandler}'s container starts it, with the container's servlet
 * factory and no Tomcat. {@link LambdaAotInitializer} applies the result on Lambda.
 */
public final class LambdaApplication {

    private LambdaApplication() {}

    public static void main(String[] args) {
        new SpringApplicationBuilder(Application.class, ServerlessServletEmbeddedServerFactory.class)
                .web(WebApplicationType.SERVLET)
                .run(args);
    }
}
