package io.timetravel.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP listener: one JDK {@link HttpServer} with a bounded pool of worker threads,
 * serving every route through one {@link Dispatcher}.
 */
public final class ApiServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server writes headers and body separately and Nagle's
        // algorithm meets delayed ACKs: every keep-alive request then takes about 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor streamExecutor;

    private ApiServer(HttpServer server, ThreadPoolExecutor executor, ThreadPoolExecutor streamExecutor) {
        this.server = server;
        this.executor = executor;
        this.streamExecutor = streamExecutor;
    }

    /** Collects what the server serves before it starts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** A base URL for clients, e.g. {@code http://127.0.0.1:8000}. */
    public String baseUrl() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort();
    }

    /**
     * Stops listening and closes every connection; open streams end at once (their writes fail and
     * their threads are interrupted), ordinary requests get up to 5 seconds to finish.
     */
    @Override
    public void close() {
        server.stop(0);
        streamExecutor.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            streamExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Configuration of an {@link ApiServer}. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8000;
        private int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        private int streamThreads = 64;
        private final Router router = new Router();
        private final List<RequestFilter> filters = new ArrayList<>();
        private RequestObserver observer = (method, path, route, version, status, nanos, error) -> { };
        private ResponseDecorator decorator = ResponseDecorator.none();
        private AccessGate accessGate = AccessGate.trustingDeclared();
        private BrowserPolicy browserPolicy = BrowserPolicy.loopbackOnly();

        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Threads for streamed answers: as many as streams may be open at once. */
        public Builder streamThreads(int streamThreads) {
            this.streamThreads = streamThreads;
            return this;
        }

        public Builder routes(List<Route> routes) {
            routes.forEach(router::add);
            return this;
        }

        public Builder filter(RequestFilter filter) {
            filters.add(filter);
            return this;
        }

        /** Who requests act for and what they may do (default: every declared caller trusted). */
        public Builder accessGate(AccessGate accessGate) {
            this.accessGate = accessGate;
            return this;
        }

        public Builder observer(RequestObserver observer) {
            this.observer = observer;
            return this;
        }

        /** Applied to every answer before it is written (e.g. a deprecated version's headers). */
        public Builder decorator(ResponseDecorator decorator) {
            this.decorator = decorator;
            return this;
        }

        /**
         * Which hosts and browser origins are answered (default {@link BrowserPolicy#loopbackOnly()});
         * the address bound is added to it at start.
         */
        public Builder browserPolicy(BrowserPolicy policy) {
            this.browserPolicy = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws IOException when the address cannot be bound (e.g. the port is in use)
         */
        public ApiServer start() throws IOException {
            // Bounded: past this backlog the dispatcher thread runs the request itself, which
            // slows down accepting new ones instead of queueing without limit.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(4096), threads("http-"), new ThreadPoolExecutor.CallerRunsPolicy());
            // A thread per open stream, started on demand. The queue only bridges the moment between
            // a stream freeing its slot and its thread returning to the pool; beyond it, refuse.
            ThreadPoolExecutor streamExecutor = new ThreadPoolExecutor(streamThreads, streamThreads, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(streamThreads), threads("stream-"), new ThreadPoolExecutor.AbortPolicy());
            streamExecutor.allowCoreThreadTimeOut(true);
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
            } catch (IOException e) {
                executor.shutdown();
                streamExecutor.shutdown();
                throw e;
            }
            server.setExecutor(executor);
            BrowserGuard guard = new BrowserGuard(browserPolicy.boundTo(server.getAddress().getAddress()));
            server.createContext("/", new Dispatcher(guard, router, filters, accessGate, observer, decorator, executor,
                    streamExecutor));
            server.start();
            return new ApiServer(server, executor, streamExecutor);
        }

        private static ThreadFactory threads(String prefix) {
            AtomicInteger counter = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
