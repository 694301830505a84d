package io.timetravel.gui.record;

import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record header without a screen. */
class RecordViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theHeaderCountsEveryVersionEvenWhenTheNewestIsBackDated() {
        MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("h.db"), clock)) {
            fixture.write(4, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
            clock.advance(Duration.ofDays(10));
            fixture.write(4, "{\"premium\":100}");
            clock.advance(Duration.ofDays(10));
            fixture.write(4, "{\"smoker\":true}", Instant.parse("2026-03-05T00:00:00Z"), 7, "late report");
            WorkspaceState state = new WorkspaceState();
            state.callerProperty().set(Caller.trustedDeclared(42));
            RecordViewModel header = new RecordViewModel(fixture.records(), TestWorkbench.access(fixture), state, BackgroundTasks.inline(),
                    ZoneOffset.UTC);

            state.selectedRecordProperty().set(4L);

            assertEquals("Ada Lovelace", header.titleProperty().get());
            assertEquals(2, header.latestProperty().get().version(), "the state true now is version 2's");
            assertTrue(header.subtitleProperty().get().startsWith("#4 · EU · 3 versions · since 2026-03-01 · last change 2026-03-21 10:00"),
                    header.subtitleProperty().get());
            assertTrue(header.canChange().get());
        }
    }

    @Test
    void withoutAUserNothingCanBeChanged() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("u.db"))) {
            fixture.write(1, "{\"a\":1}");
            WorkspaceState state = new WorkspaceState();
            RecordViewModel header = new RecordViewModel(fixture.records(), TestWorkbench.access(fixture), state, BackgroundTasks.inline(),
                    ZoneOffset.UTC);

            state.selectedRecordProperty().set(1L);

            assertTrue(header.hasRecord().get());
            assertFalse(header.canChange().get());
        }
    }
}
