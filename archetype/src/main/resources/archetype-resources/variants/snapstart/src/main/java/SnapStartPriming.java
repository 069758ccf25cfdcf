#set( $dollar = '$' )
package ${package};

#if ($database != 'none')
import ${package}.database.DatabaseProperties;
#end
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming (template.yaml turns SnapStart on for published versions). Lambda initialises
 * each published version once, calls {@link #beforeCheckpoint} and snapshots the function; every
 * cold start then resumes from that snapshot. Sending requests through the handler first puts the
 * routes, the JSON mapping and the classes and compiled code they use into the snapshot, so the
 * first request after a restore does not pay for them.
 *
 * <p>Only requests without side effects and without a database server: a connection opened now
 * would be restored, long closed by the server, in every execution environment. The embedded
 * database has no server: GET / opens and migrates it, so the snapshot holds it migrated.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final Pattern ANSWERED_200 = Pattern.compile("\"statusCode\"\\s*:\\s*200\\b");

## Payload 1.0 is the REST API's alone; HTTP API and function URL events are payload 2.0.
#if ($api == 'rest')
    /** GET /hello?name=SnapStart and POST /hello, as API Gateway REST API events (payload 1.0). */
    private static final List<String> REQUESTS = List.of("""
            {"resource": "/{proxy+}", "path": "/hello", "httpMethod": "GET",
             "headers": {"Accept": "application/json"}, "multiValueHeaders": {"Accept": ["application/json"]},
             "queryStringParameters": {"name": "SnapStart"}, "multiValueQueryStringParameters": {"name": ["SnapStart"]},
             "pathParameters": {"proxy": "hello"},
             "requestContext": {"stage": "Prod", "requestId": "snapstart-priming", "path": "/Prod/hello",
              "resourcePath": "/{proxy+}", "httpMethod": "GET", "protocol": "HTTP/1.1", "identity": {"sourceIp": "127.0.0.1"}},
             "body": null, "isBase64Encoded": false}
            """, """
            {"resource": "/{proxy+}", "path": "/hello", "httpMethod": "POST",
             "headers": {"Accept": "application/json", "Content-Type": "application/json"},
             "multiValueHeaders": {"Accept": ["application/json"], "Content-Type": ["application/json"]},
             "pathParameters": {"proxy": "hello"},
             "requestContext": {"stage": "Prod", "requestId": "snapstart-priming", "path": "/Prod/hello",
              "resourcePath": "/{proxy+}", "httpMethod": "POST", "protocol": "HTTP/1.1", "identity": {"sourceIp": "127.0.0.1"}},
             "body": "{\\"name\\":\\"SnapStart\\"}", "isBase64Encoded": false}
            """);
#if ($database != 'none')

    /** GET /, the health check: opens and migrates the embedded database. */
    private static final String HEALTH = """
            {"resource": "/", "path": "/", "httpMethod": "GET",
             "headers": {"Accept": "application/json"}, "multiValueHeaders": {"Accept": ["application/json"]},
             "requestContext": {"stage": "Prod", "requestId": "snapstart-priming", "path": "/Prod/",
              "resourcePath": "/", "httpMethod": "GET", "protocol": "HTTP/1.1", "identity": {"sourceIp": "127.0.0.1"}},
             "body": null, "isBase64Encoded": false}
            """;
#end
#else
    /**
     * GET /hello?name=SnapStart and POST /hello as payload 2.0 events, the format of API Gateway
     * HTTP APIs and function URLs alike (route and stage ${dollar}default: what a function URL
     * sends and an HTTP API's default route; the handler reads neither).
     */
    private static final List<String> REQUESTS = List.of("""
            {"version": "2.0", "routeKey": "${dollar}default", "rawPath": "/hello", "rawQueryString": "name=SnapStart",
             "headers": {"accept": "application/json"}, "queryStringParameters": {"name": "SnapStart"},
             "requestContext": {"http": {"method": "GET", "path": "/hello", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
              "requestId": "snapstart-priming", "routeKey": "${dollar}default", "stage": "${dollar}default"},
             "isBase64Encoded": false}
            """, """
            {"version": "2.0", "routeKey": "${dollar}default", "rawPath": "/hello", "rawQueryString": "",
             "headers": {"accept": "application/json", "content-type": "application/json"},
             "requestContext": {"http": {"method": "POST", "path": "/hello", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
              "requestId": "snapstart-priming", "routeKey": "${dollar}default", "stage": "${dollar}default"},
             "body": "{\\"name\\":\\"SnapStart\\"}", "isBase64Encoded": false}
            """);
#if ($database != 'none')

    /** GET /, the health check: opens and migrates the embedded database. */
    private static final String HEALTH = """
            {"version": "2.0", "routeKey": "${dollar}default", "rawPath": "/", "rawQueryString": "",
             "headers": {"accept": "application/json"},
             "requestContext": {"http": {"method": "GET", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
              "requestId": "snapstart-priming", "routeKey": "${dollar}default", "stage": "${dollar}default"},
             "isBase64Encoded": false}
            """;
#end
#end

    /** org.crac holds registered resources weakly; this keeps the one registered alive. */
    private static SnapStartPriming registered;

    private final RequestStreamHandler handler;

    SnapStartPriming(RequestStreamHandler handler) {
        this.handler = handler;
    }

    /** Primes {@code handler} before the snapshot; once per JVM, whatever creates handlers later. */
    static synchronized void register(RequestStreamHandler handler) {
        if (registered == null) {
            registered = new SnapStartPriming(handler);
            Core.getGlobalContext().register(registered);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        LOG.info("SnapStart priming: {} requests answered before the snapshot", prime());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: a real database's pool opens its connection on first use, after the restore.
    }

    /** Sends every priming request through the handler; fails naming the first not answered with 200. */
    int prime() throws IOException {
        List<String> requests = new ArrayList<>(REQUESTS);
#if ($database != 'none')
        if (DatabaseProperties.fromEnvironment().isEmbedded()) {
            requests.add(HEALTH);
        }
#end
        for (String request : requests) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), answer,
                    new LocalLambdaContext("snapstart-priming"));
            String response = answer.toString(StandardCharsets.UTF_8);
            if (!ANSWERED_200.matcher(response).find()) {
                throw new IllegalStateException("SnapStart priming request " + request.strip()
                        + " was not answered with 200 but with " + response);
            }
        }
        return requests.size();
    }
}
