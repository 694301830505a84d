package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.storage.BulkRecords;
import io.timetravel.storage.Database;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.SqlRecordStore;
import io.timetravel.storage.SqlSnapshotStore;
import io.timetravel.testing.StoreFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of 100,000 records is streamed, not built in memory: the job runs in a child JVM
 * whose whole heap is far smaller than the records' states would take if held at once.
 */
class SnapshotMemoryTest {

    private static final int RECORDS = 100_000;
    private static final int LATE_RECORDS = 100;
    /** The child's heap: the states alone would take several times this. */
    private static final String CHILD_HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    @Test
    void aSnapshotOfAHundredThousandRecordsCompletesInASmallHeap() throws Exception {
        Path db = dir.resolve("big.db");
        Instant cut;
        long populate = System.nanoTime();
        try (StoreFixture fixture = StoreFixture.open(db)) {
            cut = BulkRecords.create(fixture.store(), 1, RECORDS, id -> state(id, 1000 + id % 500));
            // After the snapshot's instant: a change to every tenth record, and records that did not exist yet.
            BulkRecords.updateEach(fixture.store(), 10, RECORDS, 10, id -> state(id, 9999));
            BulkRecords.create(fixture.store(), RECORDS + 1, LATE_RECORDS, id -> state(id, 1));
        }
        long populateMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - populate);

        Map<String, String> result = runChild(db, cut);

        assertEquals("completed", result.get("status"), () -> result.get("output"));
        assertEquals(String.valueOf(RECORDS), result.get("records"));
        Path file = Path.of(result.get("file"));
        assertEquals(Files.size(file), Long.parseLong(result.get("bytes")));
        assertEquals(result.get("sha256"), checkLines(file), "the recorded digest is that of the file's bytes");
        System.out.printf("snapshot of %d records: populate %d ms, job %s ms, %s bytes, peak heap after GC %s MiB of %s (child)%n",
                RECORDS, populateMs, result.get("ms"), result.get("bytes"), result.get("peakAfterGcMiB"), CHILD_HEAP);
    }

    private static JsonObject state(long id, long premium) {
        return JsonObject.builder()
                .put("name", "Holder " + id)
                .put("region", id % 2 == 0 ? "EU" : "US")
                .put("premium", premium)
                .build();
    }

    /** Reads the file as a stream: one line per record, by id, with its state before the later changes; returns its SHA-256. */
    private static String checkLines(Path file) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long expected = 1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new DigestInputStream(Files.newInputStream(file), digest)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                long id = expected++;
                String prefix = "{\"id\":" + id + ",\"version\":1,\"data\":{\"name\":\"Holder " + id + "\",\"premium\":"
                        + (1000 + id % 500) + ",";
                if (!line.startsWith(prefix)) {
                    throw new AssertionError("line " + id + ": " + line);
                }
            }
        }
        assertEquals(RECORDS + 1, expected, "one line per record that existed at the instant");
        return HexFormat.of().formatHex(digest.digest());
    }

    private Map<String, String> runChild(Path db, Instant cut) throws Exception {
        Path resultFile = dir.resolve("result.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), db.toString(), Instants.format(cut), resultFile.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(6, TimeUnit.MINUTES), "child finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.exists(resultFile), output);
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : Files.readString(resultFile).strip().split(" ")) {
            int equals = pair.indexOf('=');
            result.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        result.put("output", output);
        return result;
    }

    /** The child JVM: the snapshot service on the database, one snapshot at the given instant. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            AtomicLong peakAfterGc = watchHeapAfterGc();
            Instant cut = Instants.parse(args[1]);
            Database database = Database.open(Path.of(args[0]));
            SqlRecordStore store = new SqlRecordStore(database, Clock.systemUTC(), 2);
            SnapshotService service = new SnapshotService(new SqlSnapshotStore(store), GzipSnapshotFiles.beside(database.file()),
                    Clock.systemUTC());
            try {
                long start = System.nanoTime();
                long id = service.request(new SnapshotRequest(cut, cut, "memory test", 1)).join().id();
                SnapshotView done = SnapshotServiceTest.awaitDone(service, id);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                Files.writeString(Path.of(args[2]), String.format(java.util.Locale.ROOT,
                        "status=%s records=%d bytes=%d sha256=%s file=%s ms=%d peakAfterGcMiB=%.1f%n",
                        done.status(), done.snapshot().recordCount(), done.snapshot().byteSize(), done.snapshot().sha256(),
                        done.snapshot().file(), ms, peakAfterGc.get() / (1024.0 * 1024.0)));
            } finally {
                service.close();
                store.close();
                database.close();
            }
        }

        /** The largest heap in use right after a collection: what the program really holds. */
        private static AtomicLong watchHeapAfterGc() {
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            AtomicLong peak = new AtomicLong();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    peak.accumulateAndGet(used, Math::max);
                }, null, null);
            }
            return peak;
        }
    }
}
