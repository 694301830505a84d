package io.timetravel.gui.edit;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing without a screen: validation, the patch, and the version it writes. */
class EditViewModelTest {

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
    StoreFixture fixture;
    RecordingDialogs dialogs = new RecordingDialogs();
    List<WriteOutcome> written = new ArrayList<>();
    EditViewModel form;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("e.db"), clock);
        RecordVersion current = fixture.write(7, "{\"name\":\"Ada\",\"premium\":100,\"smoker\":false,"
                + "\"address\":{\"city\":\"London\",\"zip\":\"N1\"}}").record();
        form = new EditViewModel(fixture.records(), TestWorkbench.access(fixture), BackgroundTasks.inline(), dialogs, current,
                java.util.Set.of(), Caller.trustedDeclared(42), ZoneOffset.UTC, clock, written::add);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private FieldEdit field(String name) {
        return form.fields().stream().filter(f -> f.nameProperty().get().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTheFieldsWithTheirTypesAndNothingToSaveYet() {
        assertEquals(List.of("address", "name", "premium", "smoker"), form.fields().stream().map(f -> f.nameProperty().get()).toList());
        assertEquals(FieldType.JSON, field("address").typeProperty().get());
        assertEquals(FieldType.NUMBER, field("premium").typeProperty().get());
        assertEquals(FieldType.BOOLEAN, field("smoker").typeProperty().get());
        assertEquals("Ada", field("name").valueProperty().get(), "text is shown without quotes");
        assertFalse(form.validProperty().get());
        assertEquals("Nothing changed yet.", form.summaryProperty().get());
    }

    @Test
    void changingAddingAndRemovingMakeOnePatch() {
        field("premium").valueProperty().set("120.50");
        form.toggleRemoved(field("smoker"));
        form.newNameProperty().set("occupation");
        form.addField();
        field("occupation").valueProperty().set("pilot");

        assertTrue(form.validProperty().get(), form.problemProperty().get());
        assertEquals(json("{\"occupation\":\"pilot\",\"premium\":120.50,\"smoker\":null}"), form.patch());
        assertEquals("2 fields set, 1 removed", form.summaryProperty().get());
    }

    @Test
    void editingANestedObjectRemovesWhatWasTakenOut() {
        field("address").valueProperty().set("{\"city\":\"Paris\"}");

        assertEquals(json("{\"address\":{\"city\":\"Paris\",\"zip\":null}}"), form.patch());
    }

    @Test
    void badValuesAndNamesAreExplainedAndBlockSaving() {
        field("premium").valueProperty().set("a lot");
        assertEquals("premium: \"a lot\" is not a number.", form.problemProperty().get());
        assertFalse(form.validProperty().get());

        field("premium").valueProperty().set("100");
        field("smoker").valueProperty().set("maybe");
        assertEquals("smoker: \"maybe\" is neither true nor false.", form.problemProperty().get());

        field("smoker").valueProperty().set("true");
        field("address").valueProperty().set("{\"city\":");
        assertTrue(form.problemProperty().get().startsWith("address: not valid JSON"), form.problemProperty().get());

        field("address").valueProperty().set("{\"city\":\"London\",\"zip\":\"N1\"}");
        form.newNameProperty().set("name");
        form.addField();
        assertEquals("There is already a field \"name\".", form.problemProperty().get());
        form.newNameProperty().set("  ");
        form.addField();
        assertEquals("A field needs a name.", form.problemProperty().get());
    }

    @Test
    void aBackDatedChangeCannotBeInTheFuture() {
        field("smoker").valueProperty().set("true");
        form.backDatedProperty().set(true);
        form.effectiveDateProperty().set(LocalDate.of(2026, 7, 1));
        assertEquals("A back-dated change cannot take effect in the future.", form.problemProperty().get());

        form.effectiveDateProperty().set(LocalDate.of(2026, 5, 1));
        form.effectiveTimeProperty().set("25:00");
        assertEquals("The effective date and time (HH:mm) do not read as an instant.", form.problemProperty().get());

        form.effectiveTimeProperty().set("09:30");
        assertTrue(form.validProperty().get(), form.problemProperty().get());
    }

    @Test
    void validUntilMustComeAfterTheChangeTakesEffect() {
        field("smoker").valueProperty().set("true");
        form.boundedProperty().set(true);
        assertEquals(LocalDate.of(2026, 6, 2), form.validToDateProperty().get(), "tomorrow to start with");
        assertTrue(form.validProperty().get(), form.problemProperty().get());

        // Not back-dated: it takes effect now (12:00), so it must hold until later than that.
        form.validToDateProperty().set(LocalDate.of(2026, 6, 1));
        form.validToTimeProperty().set("12:00");
        assertEquals("Valid until must be later than now: the change takes effect when it is saved.", form.problemProperty().get());
        assertEquals(form.problemProperty().get(), form.datesProblemProperty().get(), "shown next to the dates");
        assertFalse(form.validProperty().get());
        assertFalse(form.submit());
        assertTrue(written.isEmpty());

        form.validToTimeProperty().set("half past");
        assertEquals("The valid-until date and time (HH:mm) do not read as an instant.", form.problemProperty().get());

        // Back-dated to May 1 09:30: until then, or before, is refused; after is fine, even in the past.
        form.backDatedProperty().set(true);
        form.effectiveDateProperty().set(LocalDate.of(2026, 5, 1));
        form.effectiveTimeProperty().set("09:30");
        form.validToDateProperty().set(LocalDate.of(2026, 5, 1));
        form.validToTimeProperty().set("09:30");
        assertEquals("Valid until must be after the change takes effect (2026-05-01 09:30:00).", form.problemProperty().get());
        form.validToDateProperty().set(LocalDate.of(2026, 4, 30));
        assertEquals("Valid until must be after the change takes effect (2026-05-01 09:30:00).", form.datesProblemProperty().get());
        form.validToDateProperty().set(LocalDate.of(2026, 5, 20));
        assertEquals("", form.datesProblemProperty().get());
        assertTrue(form.validProperty().get(), form.problemProperty().get());

        // Unticked, the date no longer counts.
        form.validToDateProperty().set(LocalDate.of(2026, 4, 1));
        form.boundedProperty().set(false);
        assertTrue(form.validProperty().get(), form.problemProperty().get());
    }

    @Test
    void aFieldProblemComesFirstButTheDatesProblemStillShowsNextToTheDates() {
        field("premium").valueProperty().set("a lot");
        form.boundedProperty().set(true);
        form.validToDateProperty().set(LocalDate.of(2026, 5, 1));

        assertEquals("premium: \"a lot\" is not a number.", form.problemProperty().get());
        assertEquals("Valid until must be later than now: the change takes effect when it is saved.", form.datesProblemProperty().get());
    }

    @Test
    void savingABoundedChangeSendsItsValidTo() {
        field("smoker").valueProperty().set("true");
        form.backDatedProperty().set(true);
        form.effectiveDateProperty().set(LocalDate.of(2026, 5, 1));
        form.effectiveTimeProperty().set("09:30");
        form.boundedProperty().set(true);
        form.validToDateProperty().set(LocalDate.of(2026, 5, 20));
        form.validToTimeProperty().set("18:00");
        form.reasonProperty().set("smoked for three weeks");

        assertTrue(form.submit());

        RecordVersion version = written.get(0).record();
        assertEquals("2026-05-01T09:30:00.000000Z", Instants.format(version.effectiveAt()));
        assertEquals("2026-05-20T18:00:00.000000Z", Instants.format(version.validTo()));
        assertEquals("2026-05-20T18:00:00.000000Z", Instants.format(fixture.records().versions(7, 10, 0).items().get(1).validTo()));
        // The period ended before now: the smoker flag is true only inside it (before Jun 1, v1 did not hold yet).
        clock.advance(java.time.Duration.ofMinutes(1));
        assertEquals("{\"smoker\":true}", fixture.records().read(7, Instant.parse("2026-05-10T00:00:00Z"), null).data().toJson());
        assertEquals("false", fixture.records().latest(7).data().getOrNull("smoker").toJson());
        assertTrue(dialogs.shown.isEmpty());
    }

    @Test
    void savingWritesAVersionAsTheUserWithTheReasonAndEffectiveInstant() {
        field("smoker").valueProperty().set("true");
        form.backDatedProperty().set(true);
        form.effectiveDateProperty().set(LocalDate.of(2026, 5, 1));
        form.effectiveTimeProperty().set("09:30");
        form.reasonProperty().set("medical report received");

        assertTrue(form.submit());

        assertEquals(1, written.size());
        RecordVersion version = written.get(0).record();
        assertEquals(2, version.version());
        assertEquals(42, version.actor());
        assertEquals("medical report received", version.reason());
        assertEquals("2026-05-01T09:30:00.000000Z", Instants.format(version.effectiveAt()));
        assertNull(version.validTo(), "open-ended unless asked");
        assertEquals("desktop", Sql.scalar(fixture.database().file(),
                "SELECT json_extract(metadata, '$.source') FROM policyholder_records WHERE version = 2"));
        assertTrue(dialogs.shown.isEmpty());
    }
}
