package ${package};

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * With Spring AOT ({@code -Dspring.aot.enabled=true}) Spring Boot would create a plain
 * ServletWebServerApplicationContext, which the Lambda container cannot use: it casts the context
 * to AnnotationConfigServletWebServerApplicationContext. This creates that type, without the
 * annotation processors its constructor registers, which the AOT-generated bean definitions
 * replace. Without the flag Spring Boot's own factory applies.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LambdaAotContextFactory implements ApplicationContextFactory {

    @Override
    public ConfigurableApplicationContext create(WebApplicationType webApplicationType) {
        if (webApplicationType != WebApplicationType.SERVLET || !AotDetector.useGeneratedArtifacts()) {
            return null;
        }
        var context = new AnnotationConfigServletWebServerApplicationContext();
        for (String name : context.getBeanDefinitionNames()) {
            context.removeBeanDefinition(name);
        }
        return context;
    }
}
