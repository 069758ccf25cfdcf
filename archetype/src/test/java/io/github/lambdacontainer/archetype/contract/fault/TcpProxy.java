package io.github.lambdacontainer.archetype.contract.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server (a database), which a test can cut and restore
 * to take the server away from a client for real: {@link #cut()} closes every live connection
 * and stops listening, so new connections are refused; {@link #restore()} listens again on the
 * same port. {@link #stall()} stops forwarding in both directions while keeping every connection
 * open (and still accepting new ones), as a black-holed network path or a server that stops
 * answering mid-query looks: bytes read meanwhile are held, and closes too, until
 * {@link #resume()} delivers them. Plain sockets, one thread per direction of each connection.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listener;
    private final Object gate = new Object();
    private boolean stalled;

    private TcpProxy(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** Starts listening on a free port of 127.0.0.1, forwarding to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listen(0));
        proxy.acceptInBackground(proxy.listener);
        return proxy;
    }

    /** The port clients connect to instead of the server's. */
    public int port() {
        return port;
    }

    /** How many client connections the proxy has accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every live connection, both sides, and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current, false);
        open.forEach(socket -> closeQuietly(socket, true));
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            listener = listen(port);
            acceptInBackground(listener);
        }
    }

    /** Stops forwarding, both directions, every connection (and new ones), without closing any. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Forwards again, first what was held during the stall. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        resume();
        cut();
    }

    /** Waits while stalled. */
    private void passGate() {
        synchronized (gate) {
            while (stalled) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void acceptInBackground(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("tcp-proxy-" + port).start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    accepted.incrementAndGet();
                    connect(client, socket);
                } catch (IOException e) {
                    // closed by cut()
                }
            }
        });
    }

    private void connect(Socket client, ServerSocket acceptedBy) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            closeQuietly(client, false);
            closeQuietly(server, false);
            return;
        }
        open.add(client);
        open.add(server);
        if (acceptedBy.isClosed()) { // cut while this connection was being set up
            closeQuietly(client, true);
            closeQuietly(server, true);
            return;
        }
        pump(client, server);
        pump(server, client);
    }

    /** Copies one direction; when either side ends, both sockets are closed. */
    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("tcp-proxy-" + port + "-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    passGate();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the connection ended or was cut
            } finally {
                passGate(); // a stalled path delivers no close either
                closeQuietly(from, false);
                closeQuietly(to, false);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Closes; {@code reset} sends a TCP reset, as a dropped network path or a killed server looks. */
    private static void closeQuietly(AutoCloseable closeable, boolean reset) {
        if (closeable == null) {
            return;
        }
        try {
            if (reset && closeable instanceof Socket socket && !socket.isClosed()) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (SocketException e) {
                    // not connected; close anyway
                }
            }
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
