package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.RecordStore;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.WriteMetrics;
import io.timetravel.service.WriteWork;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The record store on SQLite: reads on a pool of connections with prepared queries and a cache
 * of records' timelines, writes through the {@link SingleWriter}.
 */
public final class SqlRecordStore implements RecordStore, AutoCloseable {

    /**
     * Memory kept for cached timelines: half the heap, at most 64 MB, so a server run with a
     * small heap (the installed service's 112 MB, decisions 0032 and 0047) keeps room to work. A quarter
     * was too little: writers to a hundred records of 600 versions each reloaded timelines
     * evicted from a 32 MB cache for a quarter of the writer's time.
     */
    static final long CACHE_BYTES = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 2);
    /** Timelines read from the database at once (see {@link #load}). */
    static final int CONCURRENT_LOADS = 2;

    private final Database database;
    private final TimelineCache cache = new TimelineCache(CACHE_BYTES);
    private final Semaphore loads = new Semaphore(CONCURRENT_LOADS, true);
    private final ReaderPool readers;
    private final SingleWriter writer;
    /** Whether other servers write the same database (PostgreSQL): cached timelines are checked on every read. */
    private final boolean shared;
    /** On a shared database: every server's commits, for this server's commit listeners. */
    private final PostgresEventFeed feed;

    public SqlRecordStore(Database database, Clock clock, int readConnections) {
        this(database, clock, readConnections, 0);
    }

    /** A store whose writer extends the hash chains in lane {@code lane} (for tests of several lanes on SQLite). */
    SqlRecordStore(Database database, Clock clock, int readConnections, long lane) {
        this.database = database;
        this.shared = database.engine() == Database.Engine.POSTGRES;
        this.readers = new ReaderPool(database, readConnections);
        this.writer = database.readOnly() ? null : new SingleWriter(database, cache, clock, lane);
        this.feed = shared ? new PostgresEventFeed(database, rows -> SqlEventLog.complete(this, rows)) : null;
    }

    /** Whether other servers may write the same database. */
    boolean shared() {
        return shared;
    }

    @Override
    public Optional<RecordVersion> findAt(long recordId, Instant validAt, Instant knownAt) {
        return timeline(recordId).flatMap(timeline -> timeline.at(validAt, knownAt)
                .map(state -> RecordVersion.of(state.newest(), state.data(), timeline.createdAt().orElseThrow())));
    }

    @Override
    public Optional<RecordVersion> findVersion(long recordId, long version) {
        return timeline(recordId).filter(timeline -> version >= 1 && version <= timeline.size())
                .map(timeline -> asRecorded(timeline, version));
    }

    /** Version {@code version} with the state the store answered right after recording it. */
    static RecordVersion asRecorded(RecordTimeline timeline, long version) {
        JsonObject data = timeline.asRecorded(version).map(RecordTimeline.State::data).orElse(JsonObject.empty());
        return RecordVersion.of(timeline.entry(version).info(), data, timeline.createdAt().orElseThrow());
    }

    @Override
    public Optional<RecordTimeline> timeline(long recordId) {
        RecordTimeline cached = cache.get(recordId);
        if (current(recordId, cached)) {
            return Optional.of(cached);
        }
        long generation = cache.generation();
        Optional<RecordTimeline> loaded = load(recordId);
        loaded.ifPresent(timeline -> cache.offerLoaded(recordId, timeline, generation));
        return loaded;
    }

    /** Whether a cached timeline holds every stored version: always on SQLite, checked on a shared database. */
    private boolean current(long recordId, RecordTimeline cached) {
        return cached != null && (!shared || cached.size() == latestVersion(recordId));
    }

    /** The number of the record's newest version as stored (0: none), which another server may have just written. */
    private long latestVersion(long recordId) {
        return readers.read(s -> s.queries().policyholder(recordId).map(VersionQueries.PolicyholderRow::versions).orElse(0L));
    }

    /**
     * The record's timeline with at least {@code version} versions, for an event read after its
     * commit: a cached timeline may not hold a version whose commit is just being published.
     */
    RecordTimeline timelineHolding(long recordId, long version) {
        RecordTimeline cached = cache.get(recordId);
        if (cached != null && cached.size() >= version) {
            return cached;
        }
        return timeline(recordId).filter(timeline -> timeline.size() >= version)
                .or(() -> load(recordId).filter(timeline -> timeline.size() >= version))
                .orElseThrow(() -> new CorruptStoreException("an event records version " + version + " of record " + recordId
                        + ", which is not stored"));
    }

    /** A timeline for a pass over many records (snapshots): from the cache when there, else loaded and not kept. */
    Optional<RecordTimeline> timelineForScan(long recordId) {
        RecordTimeline cached = cache.get(recordId);
        return current(recordId, cached) ? Optional.of(cached) : load(recordId);
    }

    /**
     * Reads a record's whole timeline; at most {@link #CONCURRENT_LOADS} at once. Most reads find
     * their timeline cached; a record whose history is too large for the cache is loaded for each
     * read, and eight readers loading such records together (fifty clients reading records of
     * 900 KB versions) ran a 128 MB server out of heap.
     */
    private Optional<RecordTimeline> load(long recordId) {
        RecordTimeline loaded;
        loads.acquireUninterruptibly();
        try {
            loaded = readers.read(s -> RecordTimeline.of(s.queries().timeline(recordId, 0)));
        } finally {
            loads.release();
        }
        return loaded.isEmpty() ? Optional.empty() : Optional.of(loaded);
    }

    @Override
    public Page<VersionInfo> versions(long recordId, int limit, int offset) {
        return readers.read(s -> {
            long total = s.queries().policyholder(recordId).map(VersionQueries.PolicyholderRow::versions).orElse(0L);
            List<VersionInfo> items = total <= offset ? List.of() : s.queries().page(recordId, limit, offset);
            return new Page<>(items, limit, offset, total);
        });
    }

    @Override
    public boolean exists(long recordId) {
        return readers.read(s -> s.queries().policyholder(recordId).isPresent());
    }

    @Override
    public Optional<String> region(long recordId) {
        return readers.read(s -> s.queries().policyholder(recordId).map(VersionQueries.PolicyholderRow::region));
    }

    @Override
    public Page<RecordSummary> list(RecordQuery query) {
        return readers.read(s -> RecordListing.list(s.dsl(), query));
    }

    @Override
    public List<String> regions() {
        return readers.read(s -> RecordListing.regions(s.dsl()));
    }

    @Override
    public <T> CompletableFuture<T> write(WriteWork<T> work) {
        if (writer == null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the database is open for reading only"));
        }
        return writer.submit(work::run);
    }

    /** Called on the writer thread after each commit with the events it made durable. */
    public void addCommitListener(Consumer<List<EventLogEntry>> listener) {
        if (feed != null) {
            feed.addListener(listener);
        } else if (writer != null) {
            writer.addCommitListener(listener);
        }
    }


    /** Told, on the writer thread, how many versions and audit entries each commit made durable, and about failed batches. */
    public void setWriteMetrics(WriteMetrics metrics) {
        if (writer != null) {
            writer.setWriteMetrics(metrics);
        }
    }

    @Override
    public void checkHealth() {
        if (database.file() != null && !Files.exists(database.file())) {
            throw new StoreUnavailableException("database file " + database.file() + " is missing");
        }
        readers.read(s -> s.dsl().fetchCount(FEATURE_FLAGS));
    }

    /** The read connections, for other stores over the same database. */
    ReaderPool readers() {
        return readers;
    }

    /** The single writer, for other stores over the same database: all writes go through it. */
    SingleWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        if (feed != null) {
            feed.close();
        }
        readers.close();
    }
}
