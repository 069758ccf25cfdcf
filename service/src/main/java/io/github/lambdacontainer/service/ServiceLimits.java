package io.github.lambdacontainer.service;

import java.time.Duration;

/**
 * Every bound the service puts on a client, in one place (docs/generator.md, "Limits", states them).
 *
 * @param maxParameters        parameters one request may carry (the options are a dozen)
 * @param maxValueLength       characters in one parameter's name or value
 * @param maxRequestBodyBytes  a POSTed form's size; larger is 413
 * @param maxRequestHeaderBytes the request line (query string included) and headers; larger is 431
 * @param idleTimeout          a connection silent this long is closed (a slow client holds no thread meanwhile)
 * @param minRequestDataRate   bytes per second a request body must keep up, else it is dropped
 * @param concurrentRequests   requests answered at once (rendering is CPU work: about the cores)
 * @param queuedRequests       requests waiting for a turn; more are answered 503 at once
 * @param maxQueueWait         how long a request waits for its turn before a 503
 * @param maxConnections       open connections; further ones wait in the accept queue
 */
public record ServiceLimits(int maxParameters, int maxValueLength, int maxRequestBodyBytes, int maxRequestHeaderBytes,
                            Duration idleTimeout, long minRequestDataRate, int concurrentRequests, int queuedRequests,
                            Duration maxQueueWait, int maxConnections) {

    public static final ServiceLimits DEFAULTS = new ServiceLimits(64, 200, 64 * 1024, 16 * 1024,
            Duration.ofSeconds(10), 1024, Math.max(2, Runtime.getRuntime().availableProcessors()), 512,
            Duration.ofSeconds(20), 1024);
}
