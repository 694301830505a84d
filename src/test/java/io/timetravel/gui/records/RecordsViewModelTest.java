package io.timetravel.gui.records;

import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.storage.BulkRecords;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record list without a screen: search, filter, 100,000 records, stale loads dropped. */
class RecordsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aHundredThousandRecordsAllLoadPageByPage() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("big.db"))) {
            BulkRecords.create(fixture.store(), 1, 100_000, id -> JsonObject.builder()
                    .put("name", "Policyholder " + id).put("region", id % 2 == 0 ? "EU" : "US").build());
            RecordsViewModel list = new RecordsViewModel(fixture.records(), TestWorkbench.access(fixture), new WorkspaceState(),
                    BackgroundTasks.inline(), ZoneOffset.UTC);

            long started = System.nanoTime();
            list.refresh();
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(100_000, list.rows().size());
            assertEquals("100,000 records", list.summaryProperty().get());
            assertFalse(list.loadingProperty().get());
            System.out.println("records list: 100,000 rows in " + millis + " ms");

            list.regionProperty().set("EU");
            list.searchProperty().set("policyholder 9999");
            list.refresh();
            assertEquals(List.of(9999L, 99990L, 99991L, 99992L, 99993L, 99994L, 99995L, 99996L, 99997L, 99998L, 99999L).stream()
                    .filter(id -> id % 2 == 0).toList(), list.rows().stream().map(RecordRow::id).toList(),
                    "EU (even ids) whose name contains \"policyholder 9999\"");
        }
    }

    @Test
    void changedRecordsAreReadAloneAndReplacedInsertedOrDropped() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("c.db"))) {
            fixture.write(1, "{\"name\":\"Ada\",\"region\":\"EU\"}");
            fixture.write(5, "{\"name\":\"Alan\",\"region\":\"EU\"}");
            fixture.write(9, "{\"name\":\"Emmy\",\"region\":\"EU\"}");
            RecordsViewModel list = new RecordsViewModel(fixture.records(), TestWorkbench.access(fixture), new WorkspaceState(),
                    BackgroundTasks.inline(), ZoneOffset.UTC);
            list.regionProperty().set("EU");
            list.refresh();

            fixture.write(1, "{\"premium\":100}");                        // still EU: replaced
            fixture.write(3, "{\"name\":\"Grace\",\"region\":\"EU\"}");     // new EU record: inserted in id order
            fixture.write(9, "{\"region\":\"US\"}");                       // no longer matches: dropped
            fixture.write(4, "{\"name\":\"Hedy\",\"region\":\"US\"}");      // never matched: not shown
            List.of(1L, 3L, 9L, 4L).forEach(list::recordChanged);
            list.applyChanges();

            assertEquals(List.of(1L, 3L, 5L), list.rows().stream().map(RecordRow::id).toList());
            assertEquals(2, list.rows().get(0).versions());
            assertEquals("3 records", list.summaryProperty().get());
        }
    }

    @Test
    void changesArrivingDuringAFullLoadWaitForItsEnd() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("d.db"))) {
            fixture.write(1, "{\"name\":\"Ada\"}");
            DeferredTasks held = new DeferredTasks();
            RecordsViewModel list = new RecordsViewModel(fixture.records(), TestWorkbench.access(fixture), new WorkspaceState(), held,
                    ZoneOffset.UTC);
            list.refresh();

            fixture.write(2, "{\"name\":\"Grace\"}");
            list.recordChanged(2);
            list.applyChanges();
            int waiting = held.pending();
            held.runAll();

            assertEquals(2, waiting, "no read for the change while the list loads (the page and the regions)");
            assertEquals(List.of(1L, 2L), list.rows().stream().map(RecordRow::id).toList());
            assertEquals("2 records", list.summaryProperty().get());
        }
    }

    @Test
    void anOlderSearchAnsweringLateIsDropped() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"))) {
            fixture.write(1, "{\"name\":\"Ada\"}");
            fixture.write(2, "{\"name\":\"Grace\"}");
            DeferredTasks held = new DeferredTasks();
            RecordsViewModel list = new RecordsViewModel(fixture.records(), TestWorkbench.access(fixture), new WorkspaceState(), held,
                    ZoneOffset.UTC);

            list.searchProperty().set("ada");
            list.refresh();
            list.searchProperty().set("grace");
            list.refresh();
            while (held.pending() > 0) {
                held.runNewest(); // the newer search answers first, the older one last
            }

            assertEquals(List.of(2L), list.rows().stream().map(RecordRow::id).toList());
        }
    }
}
