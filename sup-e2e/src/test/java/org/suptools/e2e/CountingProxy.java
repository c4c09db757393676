package org.suptools.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of the portal's file endpoint that counts the bytes the portal sends: what
 * really crossed the wire to the agent, headers included, over every connection.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final AtomicLong fromServer = new AtomicLong();

    private CountingProxy(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
    }

    static CountingProxy to(URI target) throws IOException {
        CountingProxy proxy = new CountingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread accept = new Thread(proxy::accept, "counting-proxy");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    long bytesFromServer() {
        return fromServer.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                pump(client.getInputStream(), upstream.getOutputStream(), new AtomicLong(), client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), fromServer, client, upstream);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, AtomicLong count, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    count.addAndGet(n);
                }
            } catch (IOException dropped) {
                // One side went away (a killed agent): close both.
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "counting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
