package ${package}.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS from {@code CORS_ALLOWED_ORIGINS} ({@link CorsPolicy}), and {@code /hello/} answered as {@code /hello}. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**")
                .allowedOrigins(CorsPolicy.fromEnvironment().allowedOrigins().toArray(String[]::new))
                .allowedMethods(CorsPolicy.ALLOWED_METHODS.toArray(String[]::new))
                .allowedHeaders("*")
                .exposedHeaders(RequestIds.CORRELATION_ID_HEADER)
                .maxAge(CorsPolicy.PREFLIGHT_MAX_AGE_SECONDS);
    }

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        var registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
