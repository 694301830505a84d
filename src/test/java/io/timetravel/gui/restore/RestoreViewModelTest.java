package io.timetravel.gui.restore;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restoring without a screen: the target, the preview of its changes, the mandatory reason. */
class RestoreViewModelTest {

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
    StoreFixture fixture;
    RecordingDialogs dialogs = new RecordingDialogs();
    List<WriteOutcome> written = new ArrayList<>();
    RecordVersion current;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("r.db"), clock);
        fixture.write(7, "{\"premium\":100,\"plan\":\"basic\",\"address\":{\"city\":\"London\"}}");
        clock.advance(Duration.ofDays(1));
        fixture.write(7, "{\"premium\":250}");
        clock.advance(Duration.ofDays(1));
        current = fixture.write(7, "{\"plan\":null,\"smoker\":true,\"address\":{\"city\":\"Paris\"}}").record();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private RestoreViewModel form(Long suggested) {
        return new RestoreViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(), dialogs, current, 3,
                suggested, Caller.trustedDeclared(42), ZoneOffset.UTC,
                written::add);
    }

    @Test
    void previewsWhatRestoringTheSuggestedVersionChanges() {
        RestoreViewModel form = form(1L);

        assertEquals(1L, form.targetProperty().get().version());
        assertEquals(List.of(
                new PreviewRow("address.city", "Paris", "London", "diff-changed"),
                new PreviewRow("plan", "", "basic", "diff-added"),
                new PreviewRow("premium", "250", "100", "diff-changed"),
                new PreviewRow("smoker", "true", "", "diff-removed")), form.preview());
    }

    @Test
    void aReasonIsRequired() {
        RestoreViewModel form = form(1L);

        assertFalse(form.validProperty().get());
        assertEquals("A reason is required to restore a record.", form.problemProperty().get());
        assertFalse(form.submit());
        form.reasonProperty().set("   ");
        assertFalse(form.validProperty().get());

        form.reasonProperty().set("bad bulk update");
        assertTrue(form.validProperty().get());
        assertEquals("", form.problemProperty().get());
    }

    @Test
    void aMissingReasonIsSaidOnlyOnceTheUserTouchedTheFieldOrTriedToRestore() {
        RestoreViewModel form = form(1L);
        assertEquals("", form.shownProblemProperty().get(), "nothing red before any typing");
        assertFalse(form.validProperty().get(), "yet nothing can be restored without a reason");

        form.reasonProperty().set("x");
        form.reasonProperty().set("");
        assertEquals("A reason is required to restore a record.", form.shownProblemProperty().get());

        RestoreViewModel untouched = form(1L);
        assertFalse(untouched.submit());
        assertEquals("A reason is required to restore a record.", untouched.shownProblemProperty().get(),
                "a try to restore shows why it did not");

        RestoreViewModel left = form(1L);
        left.touchReason();
        assertEquals("A reason is required to restore a record.", left.shownProblemProperty().get(), "left the field empty");
    }

    @Test
    void otherProblemsShowAtOnce() {
        RestoreViewModel form = form(3L);
        // The timeline at the current version: the one before is offered instead.
        assertEquals(2L, form.targetProperty().get().version());
        form.targetVersionProperty().set(9L);
        assertEquals("Choose a version from 1 to 3.", form.shownProblemProperty().get());
    }

    @Test
    void aVersionPickedInTheHistoryIsOfferedEvenWhenItIsTheCurrentOne() {
        RestoreViewModel form = new RestoreViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(),
                dialogs, current, 3, 3L, true, Caller.trustedDeclared(42), ZoneOffset.UTC, written::add);
        assertEquals(3L, form.targetVersionProperty().get());
        assertEquals("Version 3 has the same data as now: restoring it would change nothing.", form.shownProblemProperty().get());
    }

    @Test
    void restoringWritesARestoreVersionAsTheUser() {
        RestoreViewModel form = form(1L);
        form.reasonProperty().set("bad bulk update");

        assertTrue(form.submit());

        RecordVersion restored = written.get(0).record();
        assertEquals(4, restored.version());
        assertEquals(Operation.RESTORE, restored.operation());
        assertEquals(42, restored.actor());
        assertEquals("bad bulk update", restored.reason());
        assertEquals(json("{\"address\":{\"city\":\"London\"},\"plan\":\"basic\",\"premium\":100}"), restored.data());
    }

    @Test
    void theDefaultIsThePreviousVersionAndTheCurrentOneChangesNothing() {
        RestoreViewModel form = form(null);
        assertEquals(2L, form.targetProperty().get().version());

        form.targetVersionProperty().set(3L);
        assertTrue(form.preview().isEmpty());
        assertEquals("Version 3 has the same data as now: restoring it would change nothing.", form.problemProperty().get());
        form.reasonProperty().set("r");
        assertFalse(form.validProperty().get());

        form.targetVersionProperty().set(9L);
        assertEquals("Choose a version from 1 to 3.", form.problemProperty().get());
    }

    @Test
    void aBackDatedCorrectionIsRestoredFromTheStateTrueWhileItHeld() {
        clock.advance(Duration.ofDays(1));
        fixture.write(7, "{\"premium\":999}", Instant.parse("2026-06-01T13:00:00Z"), 7, "late correction");
        RecordVersion now = fixture.records().latest(7);
        RestoreViewModel form = new RestoreViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(), dialogs, now, 4,
                4L, Caller.trustedDeclared(42),
                ZoneOffset.UTC, written::add);

        // The correction holds from Jun 1 13:00 until v2 sets the premium again on Jun 2: the
        // state now has v2's premium, and v4 is the highest version it depends on.
        assertEquals(4, now.version());
        assertEquals(json("{\"premium\":250,\"smoker\":true,\"address\":{\"city\":\"Paris\"}}"), now.data());
        // Version 4 as recorded is that same state: restoring it changes nothing.
        form.targetVersionProperty().set(4L);
        assertEquals(4L, form.targetProperty().get().version());
        assertTrue(form.preview().isEmpty());
        assertEquals("Version 4 has the same data as now: restoring it would change nothing.", form.problemProperty().get());
        form.targetVersionProperty().set(5L);
        assertEquals("Choose a version from 1 to 4.", form.problemProperty().get());

        form.byInstantProperty().set(true);
        form.instantTextProperty().set("2026-06-01T18:00:00Z");
        assertEquals(4L, form.targetProperty().get().version());
        assertEquals("Restores what was true at 2026-06-01T18:00:00Z, as known now; the newest version in it is 4, "
                + "recorded 2026-06-04 12:00:00 by user 7", form.targetDescriptionProperty().get());
        assertEquals(List.of(
                new PreviewRow("address.city", "Paris", "London", "diff-changed"),
                new PreviewRow("plan", "", "basic", "diff-added"),
                new PreviewRow("premium", "250", "999", "diff-changed"),
                new PreviewRow("smoker", "true", "", "diff-removed")), form.preview());
        form.reasonProperty().set("the correction was right");
        assertTrue(form.submit());
        assertEquals(json("{\"address\":{\"city\":\"London\"},\"plan\":\"basic\",\"premium\":999}"), written.get(0).record().data());
    }

    @Test
    void thePreviewStartsFromTheStateTrueNowNotTheCurrentVersionAsRecorded() {
        clock.advance(Duration.ofDays(1));
        fixture.records().write(new WriteCommand(7, json("{\"premium\":300}"), null, Instant.parse("2026-06-10T00:00:00Z"), 7,
                "promotion", "test", null, false)).join();
        clock.advance(Duration.ofDays(1));
        fixture.write(7, "{\"smoker\":false}");
        clock.advance(Duration.ofDays(10));
        RecordVersion now = fixture.records().latest(7);
        // The promotion ended on Jun 10: v5 is the newest version now, but as recorded (Jun 5) its
        // state still had the promotion's premium.
        assertEquals(5, now.version());
        assertEquals(json("{\"premium\":250,\"smoker\":false,\"address\":{\"city\":\"Paris\"}}"), now.data());
        assertEquals("300", fixture.records().version(7, 5).data().getOrNull("premium").toJson());

        RestoreViewModel form = new RestoreViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(), dialogs, now, 5,
                2L, Caller.trustedDeclared(42), ZoneOffset.UTC, written::add);

        assertEquals("Restores the record as the store showed it right after version 2 was recorded (2026-06-02 12:00:00; "
                + "effective 2026-06-02 12:00:00, by user 7, Update)", form.targetDescriptionProperty().get());
        assertEquals(List.of(
                new PreviewRow("address.city", "Paris", "London", "diff-changed"),
                new PreviewRow("plan", "", "basic", "diff-added"),
                new PreviewRow("smoker", "false", "", "diff-removed")), form.preview(), "the premium is 250 now already");
    }

    @Test
    void restoringByInstantUsesTheStateTrueThen() {
        RestoreViewModel form = form(null);
        form.byInstantProperty().set(true);
        form.instantTextProperty().set("yesterday");
        assertFalse(form.validProperty().get());

        form.instantTextProperty().set("2026-06-01T18:00:00Z");
        form.reasonProperty().set("as on the first");
        assertEquals(1L, form.targetProperty().get().version());
        assertTrue(form.submit());

        assertEquals(json("{\"address\":{\"city\":\"London\"},\"plan\":\"basic\",\"premium\":100}"), written.get(0).record().data());
        assertTrue(io.timetravel.testing.Sql.scalar(fixture.database().file(),
                "SELECT metadata FROM policyholder_records WHERE version = 4").contains("\"at\":\"2026-06-01T18:00:00.000000Z\""));
    }

    @Test
    void anInstantTypedWithoutAnOffsetIsReadInTheUsersZoneAsEveryFormReadsIt() {
        RestoreViewModel form = new RestoreViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(), dialogs,
                current, 3, null, Caller.trustedDeclared(42), java.time.ZoneId.of("Europe/Berlin"), written::add);
        form.byInstantProperty().set(true);
        form.instantTextProperty().set("2026-06-31");
        assertFalse(form.validProperty().get(), "no such day");
        assertEquals("Enter an instant such as 2026-05-01T12:00:00Z, or a date or a date and time in your zone such as "
                + "2026-05-01 or 2026-05-01 14:30.", form.problemProperty().get());

        form.instantTextProperty().set("2026-06-01 20:00");
        form.reasonProperty().set("as on the first, Berlin time");
        assertEquals(1L, form.targetProperty().get().version());
        assertTrue(form.submit());

        assertTrue(io.timetravel.testing.Sql.scalar(fixture.database().file(),
                "SELECT metadata FROM policyholder_records WHERE version = 4").contains("\"at\":\"2026-06-01T18:00:00.000000Z\""));
    }
}
