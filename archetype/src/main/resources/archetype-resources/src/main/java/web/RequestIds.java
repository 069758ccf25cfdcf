package ${package}.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ids that tie a request's response and log lines together: the correlation id (the
 * caller's {@code X-Correlation-Id} if it sent a sensible one, else a new one) and Lambda's
 * request id. Both are put in the logging MDC under these keys while a request is handled.
 */
public final class RequestIds {

    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String CORRELATION_ID_LOG_KEY = "correlationId";
    public static final String LAMBDA_REQUEST_ID_LOG_KEY = "awsRequestId";

    // A caller's value is echoed into headers and logs, so only short, plain tokens are taken.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    /** The caller's correlation id when acceptable, else a new one. */
    public static String correlationId(String sent) {
        return sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }
}
