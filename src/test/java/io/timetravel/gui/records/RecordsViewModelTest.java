package io.timetravel.gui.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.storage.BulkRecords;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record list without a screen: search, filter, 100,000 records, stale loads dropped, masking as the API's list. */
class RecordsViewModelTest {

    static final long AUDITOR = 7;
    static final long PII_AUDITOR = 9;

    @TempDir
    Path dir;

    /** Auditors with and without pii on {@code fixture}, personal fields at {@code paths} masked in full. */
    private static AccessService withPolicies(StoreFixture fixture, String... paths) {
        AccessService access = TestWorkbench.accessService(fixture);
        access.addUser(new NewUser(AUDITOR, "Alice", Set.of(Role.AUDITOR), false, null), Actor.ANONYMOUS).join();
        access.addUser(new NewUser(PII_AUDITOR, "Pia", Set.of(Role.AUDITOR), true, null), Actor.ANONYMOUS).join();
        for (String path : paths) {
            access.setPolicy(new FieldPolicy(path, FieldPolicy.Masking.FULL, 0), Actor.ANONYMOUS).join();
        }
        return access;
    }

    private static Caller caller(AccessService access, long id) {
        return access.user(id).orElseThrow().caller(true);
    }

    /** The list of {@code fixture} with {@code user} working in {@code state}. */
    private static RecordsViewModel listFor(StoreFixture fixture, AccessService access, WorkspaceState state, long user) {
        state.callerProperty().set(caller(access, user));
        return new RecordsViewModel(new RecordViewContext(fixture.records(),
                WorkbenchAccess.of(access), state, BackgroundTasks.inline(),
                ZoneOffset.UTC));
    }

    private static long accessLogRows(StoreFixture fixture) {
        return Sql.count(fixture.database().file(), "SELECT count(*) FROM access_log");
    }

    private static List<Long> ids(RecordsViewModel list) {
        return list.rows().stream().map(RecordRow::id).toList();
    }

    @Test
    void aPersonalFullNameIsMaskedInTheListAndOnlyARecordIdMaySearchIt() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("full-name.db"))) {
            fixture.write(1, "{\"full_name\":\"Ada Lovelace\"}");
            fixture.write(2, "{\"full_name\":\"Agent 1\"}");
            fixture.write(3, "{\"first_name\":\"Grace\",\"last_name\":\"Hopper\"}");
            AccessService access = withPolicies(fixture, "full_name");
            WorkspaceState state = new WorkspaceState();
            RecordsViewModel list = listFor(fixture, access, state, AUDITOR);

            list.refresh();
            assertEquals(List.of("****", "****", "****"), list.rows().stream().map(RecordRow::name).toList(),
                    "a name read from full_name (or first_name and last_name) is the personal name");

            list.searchProperty().set("Ada");
            list.refresh();
            assertTrue(list.rows().isEmpty(), "a name search would tell what the mask hides");
            assertEquals("Names are masked for you: search by record id", list.summaryProperty().get());

            list.searchProperty().set("1");
            list.refresh();
            assertEquals(List.of(1L), ids(list), "record 1 only, not \"Agent 1\" by its masked name");
            assertEquals("****", list.rows().get(0).name());
            assertEquals(0, accessLogRows(fixture), "nothing personal was shown");
        }
    }

    @Test
    void aPiiUserSeesNamesAndEachListPageShowingThemIsInTheAccessLog() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("pii.db"))) {
            fixture.write(1, "{\"full_name\":\"Ada Lovelace\"}");
            fixture.write(2, "{\"full_name\":\"Grace Hopper\"}");
            AccessService access = withPolicies(fixture, "full_name");
            WorkspaceState state = new WorkspaceState();
            RecordsViewModel list = listFor(fixture, access, state, AUDITOR);
            list.refresh();
            assertEquals("****", list.rows().get(0).name());

            state.callerProperty().set(caller(access, PII_AUDITOR)); // the list reloads for the new user by itself
            assertEquals(List.of("Ada Lovelace", "Grace Hopper"), list.rows().stream().map(RecordRow::name).toList());
            assertEquals(1, accessLogRows(fixture), "the page of names shown to the pii user");
            assertEquals("desktop records|" + PII_AUDITOR, Sql.scalar(fixture.database().file(),
                    "SELECT endpoint || '|' || actor FROM access_log"));

            list.searchProperty().set("grace");
            list.refresh();
            assertEquals(List.of(2L), ids(list), "a user who may see names may search them");
            assertEquals(2, accessLogRows(fixture));
        }
    }

    @Test
    void aPersonalRegionIsNeitherOfferedNorAppliedAsAFilter() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("region.db"))) {
            fixture.write(1, "{\"name\":\"Ada\",\"region\":\"EU\"}");
            fixture.write(2, "{\"name\":\"Grace\",\"region\":\"US\"}");
            AccessService access = withPolicies(fixture, "region");
            WorkspaceState state = new WorkspaceState();
            RecordsViewModel list = listFor(fixture, access, state, AUDITOR);

            list.regionProperty().set("EU"); // e.g. chosen by the previous user
            list.refresh();
            assertTrue(list.regions().isEmpty(), "only \"All regions\" (the prompt) is offered");
            assertTrue(list.regionsMaskedProperty().get());
            assertNull(list.regionProperty().get());
            assertEquals(List.of(1L, 2L), ids(list), "a filter on a masked region would tell which records are in it");
            assertEquals(List.of("****", "****"), list.rows().stream().map(RecordRow::region).toList());

            state.callerProperty().set(caller(access, PII_AUDITOR));
            assertEquals(List.of("EU", "US"), List.copyOf(list.regions()));
            assertFalse(list.regionsMaskedProperty().get());
            list.regionProperty().set("EU");
            list.refresh();
            assertEquals(List.of(1L), ids(list));
        }
    }

    @Test
    void aHundredThousandRecordsAllLoadPageByPage() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("big.db"))) {
            BulkRecords.create(fixture.store(), 1, 100_000, id -> JsonObject.builder()
                    .put("name", "Policyholder " + id).put("region", id % 2 == 0 ? "EU" : "US").build());
            RecordsViewModel list = new RecordsViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), new WorkspaceState(),
                    BackgroundTasks.inline(), ZoneOffset.UTC));

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
            RecordsViewModel list = new RecordsViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), new WorkspaceState(),
                    BackgroundTasks.inline(), ZoneOffset.UTC));
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
            RecordsViewModel list = new RecordsViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), new WorkspaceState(), held,
                    ZoneOffset.UTC));
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
            RecordsViewModel list = new RecordsViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), new WorkspaceState(), held,
                    ZoneOffset.UTC));

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

    private static RecordsViewModel plainList(StoreFixture fixture, WorkspaceState state) {
        return new RecordsViewModel(new RecordViewContext(fixture.records(),
                TestWorkbench.access(fixture), state, BackgroundTasks.inline(), ZoneOffset.UTC));
    }

    @Test
    void aChosenRegionFiltersAndSurvivesTheReloadOfTheRegionsItCausesOnItsOwn() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("eu.db"))) {
            for (long id = 1; id <= 6; id++) {
                fixture.write(id, "{\"name\":\"P" + id + "\",\"region\":\"" + (id % 3 == 0 ? "EU" : "US") + "\"}");
            }
            RecordsViewModel list = plainList(fixture, new WorkspaceState());
            list.refresh();
            int[] regionListChanges = {0};
            list.regions().addListener((javafx.collections.ListChangeListener<String>) change -> regionListChanges[0]++);

            list.regionProperty().set("EU");
            list.refresh();

            assertEquals(List.of(3L, 6L), ids(list));
            assertEquals("EU", list.regionProperty().get(), "the choice stays");
            assertEquals(0, regionListChanges[0],
                    "the same regions are not set again: a combo box whose items are replaced loses its value, and the filter with it");
        }
    }

    @Test
    void enterOpensTheFirstMatchOfTheTextTyped() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("enter.db"))) {
            fixture.write(1, "{\"name\":\"Ada Lovelace\"}");
            fixture.write(2, "{\"name\":\"Grace Hopper\"}");
            WorkspaceState state = new WorkspaceState();
            RecordsViewModel list = plainList(fixture, state);
            list.refresh();

            list.searchProperty().set("hopper"); // Enter before the pause ends: the search runs first
            list.openFirstMatch();
            assertEquals(2L, state.selectedRecordProperty().get());
            assertEquals(List.of(2L), ids(list));

            list.searchProperty().set("nobody");
            list.openFirstMatch();
            assertEquals(2L, state.selectedRecordProperty().get(), "no match: the record shown stays");
        }
    }

    @Test
    void aRecordOpenedElsewhereIsBroughtIntoTheListWhenTheSearchHidesIt() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("reveal.db"))) {
            fixture.write(1, "{\"name\":\"Ada\",\"region\":\"EU\"}");
            fixture.write(2, "{\"name\":\"Grace\",\"region\":\"US\"}");
            RecordsViewModel list = plainList(fixture, new WorkspaceState());
            list.searchProperty().set("ada");
            list.regionProperty().set("EU");
            list.refresh();
            assertTrue(list.reveal(1L));
            assertEquals("ada", list.searchProperty().get(), "a shown record leaves the search alone");

            assertTrue(list.reveal(2L));
            assertEquals("", list.searchProperty().get());
            assertNull(list.regionProperty().get());
            assertEquals(List.of(1L, 2L), ids(list));
        }
    }
}
