package io.timetravel.app;

import io.timetravel.http.AccessGate;
import io.timetravel.http.ApiGate;
import io.timetravel.http.ApiServer;
import io.timetravel.http.BrowserPolicy;
import io.timetravel.http.FlagGate;
import io.timetravel.http.RequestLog;
import io.timetravel.http.RequestObserver;
import io.timetravel.http.Route;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.http.metrics.MetricsApi;
import io.timetravel.http.sse.EventsApi;
import io.timetravel.http.v1.LegacyRouting;
import io.timetravel.http.v1.V1Api;
import io.timetravel.http.v2.AccessApi;
import io.timetravel.http.v2.AuditApi;
import io.timetravel.http.v2.FlagsApi;
import io.timetravel.http.v2.HealthApi;
import io.timetravel.http.v2.HistoryApi;
import io.timetravel.http.v2.RecordsApi;
import io.timetravel.http.v2.PremiumApi;
import io.timetravel.http.v2.RecalculationsApi;
import io.timetravel.http.v2.SnapshotsApi;
import io.timetravel.http.versioning.DeprecationHeaders;
import io.timetravel.http.versioning.Timescape;
import io.timetravel.http.versioning.V1V2Change;
import io.timetravel.http.versioning.VersionRegistry;
import io.timetravel.service.AccessService;
import io.timetravel.service.AuditService;
import io.timetravel.service.DaemonThreads;
import io.timetravel.service.EventStreams;
import io.timetravel.service.FlagService;
import io.timetravel.service.HistoryService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordService;
import io.timetravel.service.PremiumService;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SampleData;
import io.timetravel.service.SnapshotService;
import io.timetravel.storage.Database;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlEventLog;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place where the parts are wired together: database, store, services and the HTTP
 * listener. Desktop and headless modes share it; only the desktop adds a window on top. The
 * store and the services over it are built as {@link CoreServices}, the jobs on threads of their
 * own as {@link BackgroundJobs}; this class puts them together and closes them in order.
 */
public final class AppContext implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AppContext.class.getName());
    /** The API versions the listener serves (docs/contract.md: Version routing). */
    private static final VersionRegistry API_VERSIONS = VersionRegistry.standard();

    /**
     * How event streams are bounded and kept alive. Not on the command line yet; tests use small
     * values to reach the limits quickly.
     *
     * @param heartbeat how long a live stream may stay silent before a keep-alive comment
     */
    public record StreamSettings(EventStreams.Limits limits, Duration heartbeat) {

        public static StreamSettings defaults() {
            return new StreamSettings(EventStreams.Limits.defaults(), EventsApi.DEFAULT_HEARTBEAT);
        }
    }

    private final Options options;
    private final Database database;
    private final CoreServices core;
    private final BackgroundJobs jobs;
    private final FlagGate flagGate;
    private final SqlEventLog eventLog;
    private final HistoryService history;
    private final EventStreams eventStreams;
    private final StreamSettings streamSettings;
    private final AuditService audit;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ApiServer server;
    private String listenerProblem;

    private AppContext(Options options, Database database, CoreServices core, BackgroundJobs jobs,
                       StreamSettings streamSettings) {
        this.options = options;
        this.database = database;
        this.core = core;
        this.jobs = jobs;
        this.flagGate = new FlagGate(core.flags(), core.records(), core.access());
        this.eventLog = new SqlEventLog(core.store());
        this.history = new HistoryService(core.records(), eventLog);
        this.streamSettings = streamSettings;
        this.eventStreams = new EventStreams(eventLog, core.records(), streamSettings.limits());
        this.audit = new AuditService(new SqlAuditLog(core.store()));
    }

    /**
     * Loads the classes the store and the listener will need on a second thread while this one
     * opens and migrates the database: class loading is most of a cold start.
     */
    private static void warmUpInBackground() {
        DaemonThreads.start("class-warm-up", () -> {
            try {
                Database.warmUp();
                ApiServer.warmUp();
            } catch (RuntimeException | LinkageError e) {
                System.getLogger(AppContext.class.getName()).log(System.Logger.Level.DEBUG, "warm-up: " + e);
            }
        });
    }

    /** Opens the database and builds the services; the listener is started separately. */
    public static AppContext open(Options options, Clock clock) {
        return open(options, clock, StreamSettings.defaults());
    }

    public static AppContext open(Options options, Clock clock, StreamSettings streamSettings) {
        warmUpInBackground();
        new DatabaseChoice(options.target(), options.database()).prepareDataFolder();
        Database database = Database.open(options.target());
        CoreServices core = null;
        BackgroundJobs jobs = null;
        try {
            core = CoreServices.open(options, database, clock);
            jobs = BackgroundJobs.start(options, core, clock);
            return new AppContext(options, database, core, jobs, streamSettings);
        } catch (RuntimeException e) {
            // Whatever was started must stop, or its threads (the writer's is not a daemon) keep the process alive.
            if (jobs != null) {
                jobs.close();
            }
            if (core != null) {
                core.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Starts the HTTP listener on the configured address.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is in use
     */
    public ApiServer startListener() throws IOException {
        try {
            server = ApiServer.builder()
                    .bind(options.bind())
                    .port(options.port())
                    .streamThreads(streamSettings.limits().maxStreams())
                    .routes(routes())
                    .accessGate(new AccessGate(options.auth(), core.access()))
                    .browserPolicy(BrowserPolicy.of(options.allowedHosts(), options.corsOrigins()))
                    .filter(flagGate)
                    .decorator(new DeprecationHeaders(API_VERSIONS))
                    .unrouted(new LegacyRouting())
                    .timeouts(options.timeouts())
                    .observer(RequestObserver.all(List.of(new RequestLog(), core.metrics())))
                    .start();
            listenerProblem = null;
            return server;
        } catch (IOException e) {
            listenerProblem = listenProblem(options, e);
            throw e;
        }
    }

    /**
     * Every route the listener serves: v2's handlers, and through the version routing v1's
     * record endpoints (transformed onto v2's), the unversioned {@code /api/records/...} and
     * {@code /api/versions}.
     */
    public List<Route> routes() {
        List<Route> v2 = new ArrayList<>();
        AccessService access = core.access();
        v2.addAll(new RecordsApi(core.records(), access).routes());
        v2.addAll(new HistoryApi(history, core.records(), access).routes());
        v2.addAll(new EventsApi(eventStreams, access, streamSettings.heartbeat()).routes());
        v2.addAll(new AuditApi(audit, core.ledger(), access).routes());
        v2.addAll(new FlagsApi(core.flags()).routes());
        v2.addAll(new SnapshotsApi(jobs.snapshots(), access).routes());
        v2.addAll(new PremiumApi(core.premiums(), access).routes());
        v2.addAll(new RecalculationsApi(jobs.recalculations()).routes());
        v2.addAll(new AccessApi(access).routes());
        v2.addAll(new HealthApi(core.store(), version()).routes());
        Timescape timescape = new Timescape(API_VERSIONS, List.of(new V1V2Change()), v2, apiGate());
        List<Route> routes = new ArrayList<>();
        routes.addAll(new V1Api().routes());
        routes.addAll(timescape.routes());
        routes.addAll(v2);
        routes.addAll(new MetricsApi(core.metrics()).routes());
        return routes;
    }

    /**
     * Whether an API version is available to a request, for unversioned paths once they resolve.
     * Open to all until the feature flags gate v2 (issue 4: enable_v2_api).
     */
    /** The v2 rollout switch, for /api/v2 routes (as a filter) and unversioned paths resolved to v2. */
    private ApiGate apiGate() {
        return flagGate;
    }

    /**
     * Why the listener could not be started on {@code options}' address, found by binding a
     * socket to it and closing it again, or {@code null} when it can be bound. Asked before
     * anything else starts, so that a bad {@code --bind} or a busy port changes nothing.
     */
    static String cannotListen(Options options) {
        InetSocketAddress address = new InetSocketAddress(options.bind(), options.port());
        try (ServerSocket probe = new ServerSocket()) {
            if (address.isUnresolved()) {
                throw new UnknownHostException(options.bind());
            }
            // As the listener binds: an earlier run's connections in TIME_WAIT do not count as busy.
            probe.setReuseAddress(true);
            probe.bind(address);
            return null;
        } catch (IOException e) {
            return listenProblem(options, e);
        }
    }

    private static String listenProblem(Options options, IOException e) {
        return "cannot listen on " + options.bind() + ":" + options.port() + " (" + describe(e) + ")";
    }

    /** "address already in use", "cannot assign requested address", "unknown host", ... */
    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof BindException ? "address already in use" : e.getClass().getSimpleName();
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /**
     * Fills an empty database with the sample policyholders (for --demo); leaves one that has
     * records alone. Returns the number of versions written.
     */
    public long loadSampleDataIfEmpty() {
        long records = core.records().list(RecordQuery.all(1, 0)).total();
        if (records > 0) {
            LOG.log(System.Logger.Level.INFO, "--demo: the database already has " + records + " records; no sample data loaded");
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "--demo: loading sample data");
        long versions = SampleData.standard().load(core.records(), SampleData.defaultUntil(java.time.Instant.now()), progress -> {
            if (progress.recordsDone() % 50 == 0) {
                LOG.log(System.Logger.Level.INFO, "--demo: " + progress.recordsDone() + " of " + progress.recordsTotal()
                        + " records, " + progress.versionsWritten() + " versions");
            }
        });
        LOG.log(System.Logger.Level.INFO, "--demo: sample data loaded, " + versions + " versions");
        return versions;
    }

    /** The application's version, from the jar's manifest when run from it. */
    public static String version() {
        String version = AppContext.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public Options options() {
        return options;
    }

    public RecordService records() {
        return core.records();
    }

    public SqlEventLog eventLog() {
        return eventLog;
    }

    public FlagService flags() {
        return core.flags();
    }

    public HistoryService history() {
        return history;
    }

    public EventStreams eventStreams() {
        return eventStreams;
    }

    public AuditService audit() {
        return audit;
    }

    /** Users, tokens, field policies and the access log. */
    public AccessService access() {
        return core.access();
    }

    public SnapshotService snapshots() {
        return jobs.snapshots();
    }

    /** Premium quotes, their decisions and replays. */
    public PremiumService premiums() {
        return core.premiums();
    }

    /** Recalculation jobs over every record. */
    public RecalculationService recalculations() {
        return jobs.recalculations();
    }

    public Database database() {
        return database;
    }

    /** The Prometheus metrics served at {@code /metrics}. */
    public Metrics metrics() {
        return core.metrics();
    }

    /** Signed digests of the ledger and the verification of everything stored about changes. */
    public LedgerService ledger() {
        return core.ledger();
    }

    /** The listener's base URL, or {@code null} when it is not running. */
    public String listenerUrl() {
        return server == null ? null : server.baseUrl();
    }

    /** Why the listener is not running, or {@code null}. */
    public String listenerProblem() {
        return listenerProblem;
    }

    /** Closes everything once; later calls (a shutdown hook after the window closed, say) do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Streams first, so that each ends cleanly before the listener drops the connections.
        eventStreams.close();
        if (server != null) {
            server.close();
        }
        jobs.close();
        core.close();
        database.close();
        LOG.log(System.Logger.Level.INFO, "stopped; database " + database.describe() + " closed");
    }
}
