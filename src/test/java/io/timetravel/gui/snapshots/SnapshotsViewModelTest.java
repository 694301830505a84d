package io.timetravel.gui.snapshots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Snapshot;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.SnapshotRequest;
import io.timetravel.service.SnapshotService;
import io.timetravel.storage.GzipSnapshotFiles;
import io.timetravel.storage.SqlSnapshotStore;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Snapshots view's model on a real database: taking one, bad input, permissions, export and its SHA-256 check. */
class SnapshotsViewModelTest {

    private static final Caller AUDITOR = new Caller(Actor.verified(101), EnumSet.of(Role.AUDITOR), true);

    @TempDir
    Path dir;
    StoreFixture fixture;
    SnapshotService snapshots;
    WorkspaceState state;
    RecordingDialogs dialogs;
    SnapshotsViewModel viewModel;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("snap.db"));
        fixture.write(1, "{\"name\":\"Ada\",\"region\":\"EU\"}");
        fixture.write(2, "{\"name\":\"Grace\",\"region\":\"US\"}");
        snapshots = new SnapshotService(new SqlSnapshotStore(fixture.store()), GzipSnapshotFiles.beside(fixture.database().file()),
                Clock.systemUTC());
        state = new WorkspaceState();
        state.callerProperty().set(AUDITOR);
        state.visibleViewProperty().set(DeskView.SNAPSHOTS);
        dialogs = new RecordingDialogs();
        viewModel = new SnapshotsViewModel(snapshots, TestWorkbench.access(fixture), state, BackgroundTasks.inline(), dialogs,
                ZoneOffset.UTC, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        snapshots.close();
        fixture.close();
    }

    private Path db() {
        return fixture.database().file();
    }

    /** Polls as the view does every half second, until the list shows no running snapshot. */
    private void awaitNoneRunning() {
        Wait.until(Duration.ofSeconds(30), () -> {
            viewModel.jobs().poll();
            return !viewModel.jobs().runningProperty().get();
        }, () -> "snapshots still running: " + viewModel.rows());
    }

    private Snapshot taken() {
        Snapshot snapshot = snapshots.request(new SnapshotRequest(Instant.now(), null, "year end", 101)).join();
        Wait.until(Duration.ofSeconds(30), () -> snapshots.get(snapshot.id()).snapshot().status() != SnapshotStatus.IN_PROGRESS,
                () -> "snapshot " + snapshot.id() + " done");
        viewModel.reload();
        viewModel.selectedProperty().set(viewModel.rows().get(0));
        return snapshots.get(snapshot.id()).snapshot();
    }

    @Test
    void takingOneRequestsItAsTheCallerAndListsItUntilItCompletes() {
        dialogs.formAnswer = form -> {
            viewModel.lastForm().reasonProperty().set("quarter-end review");
            return true;
        };

        state.command(WorkbenchCommand.TAKE_SNAPSHOT);

        assertEquals(List.of("form: Take a snapshot"), dialogs.shown);
        assertEquals(List.of(List.of("101", "quarter-end review", "0")),
                Sql.query(db(), "SELECT requested_by, reason, masked FROM snapshots"));
        assertEquals(1L, viewModel.selectedProperty().get().id(), "the new snapshot is selected");
        awaitNoneRunning();
        SnapshotRow row = viewModel.rows().get(0);
        assertEquals("completed", row.status());
        assertEquals("Completed", row.statusText());
        assertEquals(2, row.snapshot().recordCount());
        assertEquals("user 101", row.requestedBy());
        assertEquals(64, row.sha256().length());
        assertEquals("1 snapshot", viewModel.statusProperty().get());
        assertEquals("Snapshot 1 is complete: 2 records, SHA-256 " + row.sha256() + ".", viewModel.messageProperty().get());
    }

    @Test
    void badInputGetsAClearMessageAndRequestsNothing() {
        dialogs.formAnswer = form -> {
            TakeSnapshotViewModel take = viewModel.lastForm();
            take.reasonProperty().set("audit");
            take.atTextProperty().set("2999-01-01");
            assertEquals("At lies in the future: a snapshot shows what was true at a past instant.", take.check().problemProperty().get());
            take.atTextProperty().set("yesterday");
            assertTrue(take.check().problemProperty().get().startsWith("At: \u201cyesterday\u201d is not an instant."),
                    take.check().problemProperty().get());
            take.atTextProperty().set("2026-01-01 12:00");
            take.asOfTextProperty().set("2999-01-01T00:00:00Z");
            assertEquals("As known at lies in the future: a snapshot shows what was known at a past instant.",
                    take.check().problemProperty().get());
            take.asOfTextProperty().set("");
            take.reasonProperty().set("  ");
            assertEquals("A reason is required to take a snapshot.", take.check().problemProperty().get());
            assertFalse(take.check().validProperty().get());
            return true;
        };

        viewModel.take();

        assertFalse(viewModel.lastForm().submit());
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM snapshots"));
        assertTrue(viewModel.rows().isEmpty());
    }

    @Test
    void aFormInstantIsReadInTheUsersZone() {
        dialogs.formAnswer = form -> {
            viewModel.lastForm().atTextProperty().set("2026-01-01 12:00");
            viewModel.lastForm().asOfTextProperty().set("2026-02-01");
            viewModel.lastForm().reasonProperty().set("zone check");
            return true;
        };

        viewModel.take();

        assertEquals(List.of(List.of("2026-01-01T12:00:00.000000Z", "2026-02-01T00:00:00.000000Z")),
                Sql.query(db(), "SELECT at, as_of FROM snapshots"));
    }

    @Test
    void withoutTheSnapshotsPermissionNoFormOpensAndTheViewSaysWhy() {
        state.callerProperty().set(WorkspaceState.NOBODY);

        viewModel.take();

        assertFalse(viewModel.canTakeProperty().get());
        assertEquals("You cannot take snapshots: No user set: the workbench is read-only.", viewModel.messageProperty().get());
        assertEquals(List.of(), dialogs.shown);
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM snapshots"));
    }

    @Test
    void anExportWritesTheFileAndChecksItsSha256AfterWriting() throws Exception {
        Snapshot snapshot = taken();
        Path target = dir.resolve("out").resolve("exported.ndjson.gz");
        Files.createDirectories(target.getParent());
        dialogs.saveAnswer = Optional.of(target);

        viewModel.exportSelected();

        ExportCheck check = viewModel.lastExportProperty().get();
        assertTrue(check.verified());
        assertEquals(snapshot.sha256(), check.recorded());
        assertEquals(snapshot.sha256(), check.written());
        assertEquals(snapshot.sha256(), check.readBack());
        assertEquals(snapshot.byteSize(), check.bytes());
        assertArrayEquals(Files.readAllBytes(Path.of(snapshot.file())), Files.readAllBytes(target));
        assertEquals(1.0, viewModel.exportProgressProperty().get());
        assertFalse(viewModel.exportingProperty().get());
        assertEquals("Snapshot 1 exported to " + target + "; its SHA-256 is verified.", viewModel.messageProperty().get());
        assertEquals(List.of("save: Export snapshot 1: snapshot-1.ndjson.gz"), dialogs.shown);
    }

    @Test
    void aTamperedSnapshotFileIsDetected() throws Exception {
        Snapshot snapshot = taken();
        Path sealed = Path.of(snapshot.file());
        sealed.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(sealed, bytes);
        Path target = dir.resolve("tampered.ndjson.gz");
        dialogs.saveAnswer = Optional.of(target);

        viewModel.exportSelected();

        ExportCheck check = viewModel.lastExportProperty().get();
        assertFalse(check.verified());
        assertEquals(snapshot.sha256(), check.recorded());
        assertNotEquals(check.recorded(), check.written());
        assertEquals(check.written(), check.readBack());
        assertTrue(viewModel.messageProperty().get().contains("does NOT match the snapshot's recorded SHA-256"),
                viewModel.messageProperty().get());
    }

    @Test
    void cancellingTheSaveDialogExportsNothing() {
        taken();
        dialogs.saveAnswer = Optional.empty();

        viewModel.exportSelected();

        assertNull(viewModel.lastExportProperty().get());
        assertFalse(viewModel.exportingProperty().get());
    }

    @Test
    void onlyACompletedSnapshotCanBeExported() {
        assertEquals("Select a completed snapshot to export", viewModel.exportBlockedProperty().get());
        taken();
        assertTrue(viewModel.canExportProperty().get());
        state.callerProperty().set(WorkspaceState.NOBODY);
        assertFalse(viewModel.canExportProperty().get());
        assertEquals("No user set: the workbench is read-only", viewModel.exportBlockedProperty().get());
    }
}
