package io.timetravel.app.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's ceiling: a bare JDK HTTP server answering every request with the same small
 * JSON body, after reading the request's body. Its handler threads are as many as the product's
 * listener has ({@code max(8, 4 x cores)}), and like Jetty it sends without delay (TCP_NODELAY). Run as a process of its own, like the server it is
 * compared with; prints {@code serving http://HOST:PORT} once it listens.
 */
public final class CeilingServer {

    static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private CeilingServer() {
    }

    /** Handler threads, as {@code http.ApiServer} has by default. */
    static int threads() {
        return Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
    }

    /** Starts listening on a free port of the loopback address. */
    static HttpServer start(ExecutorService executor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.setExecutor(executor);
        server.start();
        return server;
    }

    public static void main(String[] args) throws IOException {
        // As Jetty does: answers leave at once, not after the client's delayed acknowledgement (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = start(Executors.newFixedThreadPool(threads()));
        InetSocketAddress address = server.getAddress();
        System.out.println("ceiling serving http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
        System.out.flush();
        // Runs until the benchmark stops the process.
    }
}
