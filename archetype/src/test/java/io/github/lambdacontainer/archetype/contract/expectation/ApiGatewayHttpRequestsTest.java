package io.github.lambdacontainer.archetype.contract.expectation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** HTTP request events become the HTTP requests they stand for, whichever way they came. */
class ApiGatewayHttpRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function URL event as Lambda documents it (AWS_IAM: the caller under authorizer.iam). */
    private static final String FUNCTION_URL_EVENT = """
            {
              "version": "2.0",
              "routeKey": "$default",
              "rawPath": "/hello/",
              "rawQueryString": "name=Ada&x=1%202",
              "cookies": ["theme=dark", "session=abc"],
              "headers": {
                "accept": "application/json",
                "content-type": "application/json",
                "host": "a1b2c3d4.lambda-url.us-east-1.on.aws",
                "x-amzn-trace-id": "Root=1-6920a3c0-0123456789abcdef01234567",
                "x-correlation-id": "cid-1",
                "x-forwarded-proto": "https"
              },
              "queryStringParameters": {"name": "Ada", "x": "1 2"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "a1b2c3d4",
                "authentication": null,
                "authorizer": {"iam": {"accessKey": "AKIAIOSFODNN7EXAMPLE", "accountId": "111122223333",
                  "callerId": "AIDACKCEVSQ6C2EXAMPLE", "cognitoIdentity": null, "principalOrgId": null,
                  "userArn": "arn:aws:iam::111122223333:user/example-user", "userId": "AIDACOSFODNN7EXAMPLE2"}},
                "domainName": "a1b2c3d4.lambda-url.us-east-1.on.aws",
                "domainPrefix": "a1b2c3d4",
                "http": {"method": "POST", "path": "/hello/", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.10",
                  "userAgent": "curl/8.5.0"},
                "requestId": "r-1",
                "routeKey": "$default",
                "stage": "$default",
                "time": "21/Nov/2026:10:00:00 +0000",
                "timeEpoch": 1795255200000
              },
              "body": "eyJuYW1lIjoiQWRhIn0=",
              "pathParameters": null,
              "isBase64Encoded": true,
              "stageVariables": null
            }
            """;

    @Test
    void functionUrlEventIsTheRequestItStandsFor() throws Exception {
        JsonNode event = JSON.readTree(FUNCTION_URL_EVENT);

        HttpRequest request = ApiGatewayHttpRequests.toRequest(event, "http://127.0.0.1:8080", Duration.ofSeconds(5));

        assertEquals("2.0", ApiGatewayHttpRequests.payloadVersion(event));
        assertEquals("POST", request.method());
        assertEquals(URI.create("http://127.0.0.1:8080/hello/?name=Ada&x=1%202"), request.uri(),
                "rawPath and rawQueryString as sent, not the stage ($default is no path segment)");
        assertEquals(List.of("cid-1"), request.headers().allValues("x-correlation-id"));
        assertEquals(List.of("theme=dark; session=abc"), request.headers().allValues("Cookie"),
                "payload 2.0 cookies go back into one Cookie header");
        assertFalse(request.headers().firstValue("host").isPresent(),
                "the lambda-url Host is the client's to set, not the event's");
        assertEquals("{\"name\":\"Ada\"}", body(request), "the base64 body decoded");
    }

    @Test
    void publicFunctionUrlEventWithoutCallerNorCookiesIsAGetToo() throws Exception {
        JsonNode event = JSON.readTree("""
                {"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
                 "headers": {"accept": "*/*"},
                 "requestContext": {"accountId": "anonymous", "authorizer": null, "http": {"method": "GET", "path": "/"},
                  "routeKey": "$default", "stage": "$default"},
                 "pathParameters": null, "isBase64Encoded": false, "stageVariables": null}
                """);

        HttpRequest request = ApiGatewayHttpRequests.toRequest(event, "http://127.0.0.1:8080", Duration.ofSeconds(5));

        assertEquals("GET", request.method());
        assertEquals(URI.create("http://127.0.0.1:8080/"), request.uri());
        assertEquals(Optional.of(0L), request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength));
    }

    @Test
    void restApiEventIsPayload1() throws Exception {
        JsonNode event = JSON.readTree("""
                {"resource": "/{proxy+}", "path": "/hello", "httpMethod": "GET",
                 "multiValueQueryStringParameters": {"name": ["Ada"]}, "headers": {"Accept": "application/json"},
                 "requestContext": {"stage": "Prod"}, "body": null, "isBase64Encoded": false}
                """);

        HttpRequest request = ApiGatewayHttpRequests.toRequest(event, "http://127.0.0.1:8080", Duration.ofSeconds(5));

        assertEquals("1.0", ApiGatewayHttpRequests.payloadVersion(event));
        assertEquals(URI.create("http://127.0.0.1:8080/hello?name=Ada"), request.uri());
    }

    private static String body(HttpRequest request) throws InterruptedException {
        List<ByteBuffer> buffers = new ArrayList<>();
        var done = new java.util.concurrent.CountDownLatch(1);
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                buffers.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        done.await();
        StringBuilder text = new StringBuilder();
        buffers.forEach(buffer -> text.append(StandardCharsets.UTF_8.decode(buffer)));
        return text.toString();
    }
}
