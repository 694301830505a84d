package io.timetravel.http;

import io.timetravel.service.DaemonThreads;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The embedded HTTP listener: one Jetty server (decision 0020) with a bounded pool of worker
 * threads, serving every route through one {@link Dispatcher}. Jetty reads requests without
 * holding a thread, so a slow client costs a connection, never a worker; the header, body and
 * idle timeouts bound how long it keeps even that.
 */
public final class ApiServer implements AutoCloseable {

    private final Server server;
    private final InetSocketAddress address;
    private final ThreadPoolExecutor streamExecutor;

    private ApiServer(Server server, InetSocketAddress address, ThreadPoolExecutor streamExecutor) {
        this.server = server;
        this.address = address;
        this.streamExecutor = streamExecutor;
    }

    /**
     * Loads and links Jetty's server and Jackson's writers, so that a thread can do it while
     * another opens the database (a cold start spends half a second on each, on two cores).
     */
    public static void warmUp() {
        Server server = new Server(new QueuedThreadPool(2, 1));
        server.addConnector(new ServerConnector(server));
        HttpJson.write(Map.of("warm", List.of(1, "up", Instant.EPOCH)));
    }

    /** Collects what the server serves before it starts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
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
        streamExecutor.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(ApiServer.class.getName()).log(System.Logger.Level.WARNING, "listener did not stop cleanly: " + e);
        }
        DaemonThreads.awaitStop(streamExecutor, Duration.ofSeconds(5), "event streams");
    }

    /** Configuration of an {@link ApiServer}. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8000;
        private int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        private int streamThreads = 64;
        private final Router router = new Router();
        private final List<RequestFilter> filters = new ArrayList<>();
        private final List<Unrouted> unrouted = new ArrayList<>();
        private RequestObserver observer = (method, path, route, version, status, nanos, error) -> { };
        private ResponseDecorator decorator = ResponseDecorator.none();
        private AccessGate accessGate = AccessGate.trustingDeclared();
        private BrowserPolicy browserPolicy = BrowserPolicy.loopbackOnly();
        private ListenerTimeouts timeouts = ListenerTimeouts.DEFAULTS;
        private long bodyBudget = BodyBudget.forHeap(BodyIntake.MAX_BODY_BYTES);

        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Threads that run handlers (Jetty's acceptor, selector and reserved threads come on top). */
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

        /** How unmatched requests are answered under the paths it covers (default: {@link Unrouted#JSON}). */
        public Builder unrouted(Unrouted answers) {
            unrouted.add(answers);
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

        /** How long clients may take (default {@link ListenerTimeouts#DEFAULTS}). */
        public Builder timeouts(ListenerTimeouts timeouts) {
            this.timeouts = java.util.Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Bytes of large request bodies (over {@value BodyBudget#SMALL_BYTES} bytes) read and worked
         * on at once; more wait, then get 429 (default: a sixteenth of the heap). At least the
         * largest body.
         */
        public Builder bodyBudget(long bytes) {
            this.bodyBudget = Math.max(bytes, BodyIntake.MAX_BODY_BYTES);
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws IOException when the address cannot be bound (e.g. the port is in use: a {@link BindException})
         */
        public ApiServer start() throws IOException {
            // Handlers plus Jetty's acceptor, selector and reserved threads; requests waiting for a
            // thread queue inside Jetty, while slow clients wait on the selector and hold none.
            QueuedThreadPool pool = new QueuedThreadPool(threads + 4, Math.min(8, threads + 4));
            pool.setName("http");
            pool.setDaemon(true);
            Scheduler scheduler = new ScheduledExecutorScheduler("http-timeouts", true);
            Server server = new Server(pool, scheduler, null);
            // A thread per open stream, started on demand. The queue only bridges the moment between
            // a stream freeing its slot and its thread returning to the pool; beyond it, refuse.
            ThreadPoolExecutor streamExecutor = new ThreadPoolExecutor(streamThreads, streamThreads, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(streamThreads), DaemonThreads.numbered("stream-"), new ThreadPoolExecutor.AbortPolicy());
            streamExecutor.allowCoreThreadTimeOut(true);

            InetSocketAddress requested = new InetSocketAddress(bind, port);
            if (requested.isUnresolved()) {
                streamExecutor.shutdown();
                throw new java.net.UnknownHostException(bind);
            }
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfiguration()));
            connector.setHost(requested.getAddress().getHostAddress());
            connector.setPort(port);
            connector.setAcceptQueueSize(1024);
            connector.setIdleTimeout(timeouts.idle().toMillis());
            // The lesson of the JDK server, measured here: without TCP_NODELAY, Nagle's algorithm meets
            // delayed ACKs and every keep-alive request waits about 40 ms. Jetty's default, said aloud.
            connector.setAcceptedTcpNoDelay(true);
            connector.addBean(new HeaderDeadline(timeouts.header(), scheduler, observer));
            server.addConnector(connector);
            try {
                connector.open();
            } catch (IOException e) {
                streamExecutor.shutdown();
                throw e.getCause() instanceof BindException bind ? bind : e;
            }
            BrowserGuard guard = new BrowserGuard(browserPolicy.boundTo(requested.getAddress()));
            BodyBudget budget = new BodyBudget(bodyBudget, scheduler, BodyBudget.longestWait(timeouts.idle()));
            Dispatcher dispatcher = new Dispatcher(guard, new Routing(router, unrouted),
                    new BodyIntake(scheduler, timeouts.body(), budget), new RequestChecks(accessGate, filters), decorator,
                    new ResponseWriter(observer, streamExecutor), pool);
            server.setHandler(dispatcher);
            server.setErrorHandler(dispatcher.errors());
            try {
                server.start();
            } catch (Exception e) {
                streamExecutor.shutdown();
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // already failing
                }
                throw e instanceof IOException io ? io : new IOException("the listener did not start: " + e, e);
            }
            return new ApiServer(server, new InetSocketAddress(requested.getAddress(), connector.getLocalPort()), streamExecutor);
        }

        private static HttpConfiguration httpConfiguration() {
            HttpConfiguration config = new HttpConfiguration();
            config.setRequestHeaderSize(JettyErrors.MAX_HEADER_BYTES);
            config.setSendServerVersion(false);
            // An absolute target naming another host than Host is for the BrowserGuard to refuse
            // (403, decision 0016), not a parse error.
            config.setHttpCompliance(HttpCompliance.RFC9110.with("timetravel", HttpCompliance.Violation.MISMATCHED_AUTHORITY));
            // The Dispatcher decodes and routes paths itself (an escaped '/' stays inside its segment);
            // Jetty's checks for paths that a file server might resolve ambiguously do not apply.
            config.setUriCompliance(UriCompliance.UNSAFE);
            return config;
        }
    }
}
