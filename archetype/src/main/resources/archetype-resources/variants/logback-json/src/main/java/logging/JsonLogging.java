package ${package}.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logs one JSON object per line on stdout, with the correlation id and the Lambda request id in
 * its "mdc" object and the service name in "service": {"name": ...} (as in Spring Boot's ECS
 * logs), for CloudWatch Logs Insights. Set up in code (found through
 * META-INF/services) rather than in logback.xml, which would load an XML parser at every cold start.
 * Under Spring Boot it covers the lines logged before Spring Boot's own structured logging replaces
 * it, so that no line of a cold start is plain text.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class JsonLogging extends ContextAwareBase implements Configurator {

    /** The service.name of every log line: the project's artifactId. */
    static final String SERVICE_NAME = "${artifactId}";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder() {
            @Override
            protected void appendCustomFields(StringBuilder json, ILoggingEvent event) {
                json.append(",\"service\":{\"name\":\"").append(SERVICE_NAME).append("\"}");
            }
        };
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("json");
        stdout.setEncoder(encoder);
        stdout.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        // The access line with the correlation id comes from the application; the Lambda container
        // library's own INFO lines (its access log, after the request) would not carry it.
        context.getLogger("com.amazonaws.serverless.proxy").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
