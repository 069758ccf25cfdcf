package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Archetype;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty set up with {@link ServiceLimits}: connections are non-blocking (a slow client holds a connection,
 * never a thread), a bounded number of requests run at once and the rest wait in a bounded queue for a
 * bounded time, bodies and headers have a size limit, an idle connection is closed.
 */
public final class GeneratorServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    public GeneratorServer(Archetype archetype, String host, int port, ServiceLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, limits.concurrentRequests() * 4), 4);
        threads.setName("generator");
        server = new Server(threads);
        server.setStopAtShutdown(true);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
        http.setMinRequestDataRate(limits.minRequestDataRate());
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

        QoSHandler turns = new QoSHandler();
        turns.setMaxRequestCount(limits.concurrentRequests());
        turns.setMaxSuspendedRequestCount(limits.queuedRequests());
        turns.setMaxSuspend(limits.maxQueueWait());
        turns.setHandler(new GeneratorHandler(new ProjectGenerator(archetype, limits), limits));
        SizeLimitHandler bodySize = new SizeLimitHandler(limits.maxRequestBodyBytes(), -1);
        bodySize.setHandler(turns);
        server.setHandler(bodySize);
    }

    public GeneratorServer start() throws Exception {
        server.start();
        return this;
    }

    /** The address bound (the port chosen by the system when 0 was asked). */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
