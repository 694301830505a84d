package io.timetravel.gui.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.DiffViewModel;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.edit.EditViewModel;
import io.timetravel.gui.edit.FieldEdit;
import io.timetravel.gui.edit.FieldType;
import io.timetravel.gui.history.HistoryViewModel;
import io.timetravel.gui.record.RecordViewModel;
import io.timetravel.gui.records.RecordsViewModel;
import io.timetravel.gui.restore.PreviewRow;
import io.timetravel.gui.restore.RestoreViewModel;
import io.timetravel.gui.shell.MainViewModel;
import io.timetravel.gui.timeline.TimelineViewModel;
import io.timetravel.service.AccessService;
import io.timetravel.service.HistoryService;
import io.timetravel.service.NewUser;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench applies the same roles and masking to its user as the API does to its callers:
 * who the user is, what they may do, what they see, and what their writes record.
 */
class WorkbenchAccessTest {

    static final long AUDITOR = 7;
    static final long UNDERWRITER = 8;
    static final long PII_AUDITOR = 9;
    static final long DISABLED = 10;

    @TempDir
    Path dir;
    StoreFixture fixture;
    AccessService accessService;
    WorkbenchAccess access;
    RecordingDialogs dialogs = new RecordingDialogs();
    WorkspaceState state = new WorkspaceState();
    BackgroundTasks tasks = BackgroundTasks.inline();

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("access.db"));
        accessService = TestWorkbench.accessService(fixture);
        add(AUDITOR, "Alice", Role.AUDITOR, false, "alice");
        add(UNDERWRITER, "Uma", Role.UNDERWRITER, false, null);
        add(PII_AUDITOR, "Pia", Role.AUDITOR, true, null);
        add(DISABLED, "Dan", Role.UNDERWRITER, false, null);
        accessService.disableUser(DISABLED, Actor.ANONYMOUS).join();
        accessService.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.ANONYMOUS).join();
        access = WorkbenchAccess.of(accessService);
        fixture.write(1, "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"premium\":100}");
        fixture.write(1, "{\"email\":\"ada@lovelace.com\"}");
        fixture.write(1, "{\"premium\":150}");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void add(long id, String name, Role role, boolean pii, String osUser) {
        accessService.addUser(new NewUser(id, name, Set.of(role), pii, osUser), Actor.ANONYMOUS).join();
    }

    private Caller caller(long id, boolean verified) {
        return accessService.user(id).orElseThrow().caller(verified);
    }

    private MainViewModel main(String osUser, UserPreferences preferences) {
        SqlEventLog events = new SqlEventLog(fixture.store());
        Workbench workbench = new Workbench(fixture.records(), new HistoryService(fixture.records(), events), events, access,
                TestWorkbench.desk(fixture), osUser, "db/access.db", null, null, "test", false);
        return new MainViewModel(workbench, state, tasks, dialogs, preferences, Clock.systemUTC());
    }

    private long accessLogRows() {
        return Sql.count(fixture.database().file(), "SELECT count(*) FROM access_log");
    }

    private static String after(List<FieldRow> rows, String path) {
        return rows.stream().filter(row -> row.path().equals(path)).findFirst().orElseThrow().after();
    }

    private static FieldRow row(List<FieldRow> rows, String path) {
        return rows.stream().filter(row -> row.path().equals(path)).findFirst().orElseThrow();
    }

    // ---- Who the user is ----

    @Test
    void aUserMappedToTheOsAccountIsVerifiedAndNotAsked() {
        MainViewModel main = main("alice", UserPreferences.inMemory(42));

        main.ensureUser();

        assertTrue(dialogs.shown.isEmpty(), "not asked: " + dialogs.shown);
        assertEquals(AUDITOR, state.caller().id());
        assertTrue(state.caller().verified());
        assertEquals("User 7 · auditor · verified", main.userProperty().get());
        assertTrue(main.userDetailProperty().get().contains("\u201calice\u201d"), main.userDetailProperty().get());
    }

    @Test
    void changingAVerifiedUserSaysTheIdentityComesFromTheOsAccount() {
        MainViewModel main = main("alice", UserPreferences.inMemory(0));
        main.ensureUser();
        dialogs.userAnswer = Optional.of(1L);

        main.changeUser();

        assertEquals(AUDITOR, state.caller().id(), "still the OS account's user");
        assertEquals(1, dialogs.shown.size());
        assertTrue(dialogs.shown.get(0).startsWith("info: ") && dialogs.shown.get(0).contains("operating-system account"),
                dialogs.shown.get(0));
    }

    @Test
    void anUnmappedOsAccountIsAskedAndTheUserIsDeclared() {
        UserPreferences preferences = UserPreferences.inMemory(0);
        MainViewModel main = main("somebody-else", preferences);
        dialogs.userAnswer = Optional.of(UNDERWRITER);

        main.ensureUser();

        assertEquals(1, dialogs.shown.size());
        assertTrue(dialogs.shown.get(0).startsWith("user: "));
        assertEquals(UNDERWRITER, state.caller().id());
        assertFalse(state.caller().verified());
        assertEquals("User 8 · underwriter · declared", main.userProperty().get());
        assertEquals(UNDERWRITER, preferences.userId().getAsLong());
    }

    @Test
    void aDisabledUserIsRefusedAndAskedAgain() {
        MainViewModel main = main("somebody-else", UserPreferences.inMemory(DISABLED));
        dialogs.userAnswers.add(DISABLED);
        dialogs.userAnswers.add(AUDITOR);

        main.ensureUser();

        assertEquals(List.of("user: User 10 is disabled and cannot use the workbench. Enter another user id.",
                "user: User 10 is disabled and cannot use the workbench. Enter another user id."), dialogs.shown);
        assertEquals(AUDITOR, state.caller().id());
        assertFalse(state.caller().verified(), "typed in, so declared even though Alice is mapped to an OS account");
    }

    @Test
    void anAuditorCannotLoadSampleData() {
        MainViewModel main = main("alice", UserPreferences.inMemory(0));
        main.ensureUser();

        assertFalse(main.canLoadSampleDataProperty().get());
        assertEquals("Needs the role underwriter or admin", main.sampleDataBlockedProperty().get());
    }

    // ---- What the user may do ----

    @Test
    void anAuditorSeesEditAndRestoreDisabledWithTheReason() {
        RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                access, state, tasks, ZoneOffset.UTC));
        state.callerProperty().set(caller(AUDITOR, true));
        state.selectedRecordProperty().set(1L);

        assertTrue(header.hasRecord().get());
        assertFalse(header.canChange().get());
        assertEquals("Needs the role underwriter or admin", header.changeBlockedProperty().get());

        state.callerProperty().set(caller(UNDERWRITER, false));
        assertTrue(header.canChange().get());
        assertEquals("", header.changeBlockedProperty().get());
    }

    @Test
    void nobodyMayChangeAnythingBeforeTheUserIsKnown() {
        RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                access, state, tasks, ZoneOffset.UTC));
        state.selectedRecordProperty().set(1L);

        assertFalse(header.canChange().get());
        assertEquals("No user set: the workbench is read-only", header.changeBlockedProperty().get());
    }

    // ---- What writes record ----

    private String lastAuditVerified() {
        return Sql.scalar(fixture.database().file(), "SELECT actor || ':' || actor_verified FROM audit_history"
                + " WHERE record_id = 1 ORDER BY id DESC LIMIT 1");
    }

    private EditViewModel edit(Caller caller, RecordVersion current, Set<String> masked) {
        return new EditViewModel(fixture.records(), access, tasks, dialogs, current, masked, caller, ZoneOffset.UTC,
                Clock.systemUTC(), outcome -> { });
    }

    private FieldEdit field(EditViewModel form, String name) {
        return form.fields().stream().filter(f -> f.nameProperty().get().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anEditByAVerifiedUserIsRecordedVerifiedAndByADeclaredOneDeclared() {
        RecordVersion current = fixture.records().latest(1);
        EditViewModel verified = edit(caller(UNDERWRITER, true), current, Set.of());
        field(verified, "premium").valueProperty().set("200");
        assertTrue(verified.submit());
        assertEquals("8:1", lastAuditVerified());

        EditViewModel declared = edit(caller(UNDERWRITER, false), fixture.records().latest(1), Set.of());
        field(declared, "premium").valueProperty().set("210");
        assertTrue(declared.submit());
        assertEquals("8:0", lastAuditVerified());
        assertTrue(dialogs.shown.isEmpty(), dialogs.shown.toString());
    }

    @Test
    void aRestoreByAVerifiedUserIsRecordedVerified() {
        RestoreViewModel form = new RestoreViewModel(fixture.records(), access, tasks, dialogs, fixture.records().latest(1), 3,
                1L, caller(UNDERWRITER, true), ZoneOffset.UTC, outcome -> { });
        form.reasonProperty().set("back to the start");

        assertTrue(form.submit());
        assertEquals("8:1", lastAuditVerified());
    }

    // ---- What the user sees ----

    @Test
    void anAuditorWithoutPiiSeesTheEmailMaskedInTimelineDiffAndHistory() {
        state.callerProperty().set(caller(AUDITOR, true));
        TimelineViewModel timeline = new TimelineViewModel(new RecordViewContext(fixture.records(), access, state, tasks, ZoneOffset.UTC));
        DiffViewModel diff = new DiffViewModel(new RecordViewContext(fixture.records(), access, state, tasks, ZoneOffset.UTC),
                new HistoryService(fixture.records(), new SqlEventLog(fixture.store())));
        HistoryViewModel history = new HistoryViewModel(new HistoryService(fixture.records(),
                new SqlEventLog(fixture.store())), access, state, tasks, ZoneOffset.UTC);
        state.selectedRecordProperty().set(1L);

        assertEquals("****.com", after(timeline.table().rows(), "email"));
        assertEquals("Ada Lovelace", after(timeline.table().rows(), "name"), "only the policy's fields are masked");

        diff.setPair(1L, 2L);
        FieldRow email = row(diff.rows(), "email");
        assertEquals("****.com", email.before());
        assertEquals("****.com", email.after());
        assertEquals(FieldRow.Change.CHANGED, email.change(), "a masked value that changed is still marked changed");

        history.selectedProperty().set(history.rows().get(1));
        FieldRow changed = row(history.detailRows(), "email");
        assertEquals("****.com", changed.before());
        assertEquals("****.com", changed.after());
        assertEquals(FieldRow.Change.CHANGED, changed.change());
        assertFalse(history.rows().get(1).entry().newValue().toJson().contains("lovelace"), "the row holds only masked data");

        assertEquals(0, accessLogRows(), "nothing personal was disclosed");
    }

    @Test
    void aUserWithPiiSeesRealValuesAndEachViewIsLogged() {
        state.callerProperty().set(caller(PII_AUDITOR, false));
        TimelineViewModel timeline = new TimelineViewModel(new RecordViewContext(fixture.records(), access, state, tasks, ZoneOffset.UTC));
        state.selectedRecordProperty().set(1L);

        assertEquals("ada@lovelace.com", after(timeline.table().rows(), "email"));
        // The state shown, and the states read ahead of the position: each read is logged before it is kept.
        assertTrue(Sql.count(fixture.database().file(),
                "SELECT count(*) FROM access_log WHERE endpoint = 'desktop timeline' AND actor = 9 AND actor_verified = 0"
                        + " AND fields = '[\"email\"]'") >= 1);
        assertEquals(accessLogRows(), Sql.count(fixture.database().file(),
                "SELECT count(*) FROM access_log WHERE endpoint = 'desktop timeline'"), "nothing else was logged");

        DiffViewModel diff = new DiffViewModel(new RecordViewContext(fixture.records(), access, state, tasks, ZoneOffset.UTC),
                new HistoryService(fixture.records(), new SqlEventLog(fixture.store())));
        diff.setPair(1L, 2L);
        assertEquals("ada@example.com", row(diff.rows(), "email").before());
        assertTrue(Sql.count(fixture.database().file(), "SELECT count(*) FROM access_log WHERE endpoint = 'desktop diff'") >= 1);
    }

    @Test
    void changingToAUserWithoutPiiMasksWhatIsAlreadyShown() {
        state.callerProperty().set(caller(PII_AUDITOR, false));
        TimelineViewModel timeline = new TimelineViewModel(new RecordViewContext(fixture.records(), access, state, tasks, ZoneOffset.UTC));
        state.selectedRecordProperty().set(1L);
        assertEquals("ada@lovelace.com", after(timeline.table().rows(), "email"));

        state.callerProperty().set(caller(AUDITOR, false));

        assertEquals("****.com", after(timeline.table().rows(), "email"));
    }

    @Test
    void theRestorePreviewMasksYetListsAMaskedChange() {
        RestoreViewModel form = new RestoreViewModel(fixture.records(), access, tasks, dialogs, fixture.records().latest(1), 3,
                1L, caller(UNDERWRITER, false), ZoneOffset.UTC, outcome -> { });

        PreviewRow email = form.preview().stream().filter(row -> row.field().equals("email")).findFirst().orElseThrow();
        assertEquals("****.com", email.now());
        assertEquals("****.com", email.restored());
        assertEquals("diff-changed", email.kind());
    }

    @Test
    void theEditDialogKeepsMaskedFieldsReadOnlyAndNeverWritesThemBack() {
        state.callerProperty().set(caller(UNDERWRITER, false));
        RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                access, state, tasks, ZoneOffset.UTC));
        state.selectedRecordProperty().set(1L);
        assertEquals(Set.of("email"), header.maskedFields());
        EditViewModel form = edit(state.caller(), header.latestProperty().get(), header.maskedFields());

        FieldEdit email = field(form, "email");
        assertTrue(email.isMasked());
        assertEquals("****.com", email.valueProperty().get());
        form.toggleRemoved(email);
        assertFalse(email.removedProperty().get(), "a masked field cannot be removed either");
        field(form, "premium").valueProperty().set("300");

        assertEquals("{\"premium\":300}", form.patch().toJson());
        assertTrue(form.submit());
        assertEquals("ada@lovelace.com", ((io.timetravel.domain.json.JsonString) fixture.records().latest(1).data()
                .getOrNull("email")).value(), "the real value is kept");
    }

    @Test
    void maskedTextTypedIntoAPersonalFieldIsRefusedWithAClearMessage() {
        fixture.write(2, "{\"name\":\"Grace Hopper\"}");
        EditViewModel form = edit(caller(UNDERWRITER, false), fixture.records().latest(2), Set.of());
        form.newNameProperty().set("email");
        form.newTypeProperty().set(FieldType.TEXT);
        form.addField();
        field(form, "email").valueProperty().set("****.com");

        assertTrue(form.submit());

        assertEquals(1, dialogs.shown.size());
        assertTrue(dialogs.shown.get(0).startsWith("error: ") && dialogs.shown.get(0).contains("masked text"), dialogs.shown.get(0));
        assertEquals(1, fixture.records().versions(2, 10, 0).total(), "nothing written");
    }

    @Test
    void theRecordListMasksANameThatIsPersonalAndSearchesByIdOnly() {
        accessService.setPolicy(new FieldPolicy("name", FieldPolicy.Masking.FULL, 0), Actor.ANONYMOUS).join();
        WorkbenchAccess fresh = WorkbenchAccess.of(TestWorkbench.accessService(fixture));
        state.callerProperty().set(caller(AUDITOR, true));
        RecordsViewModel list = new RecordsViewModel(new RecordViewContext(fixture.records(),
                fresh, state, tasks, ZoneOffset.UTC));

        list.refresh();
        assertEquals("****", list.rows().get(0).name());

        list.searchProperty().set("Ada");
        list.refresh();
        assertTrue(list.rows().isEmpty(), "a name search would tell what the mask hides");
        assertEquals("Names are masked for you: search by record id", list.summaryProperty().get());

        list.searchProperty().set("1");
        list.refresh();
        assertEquals(1, list.rows().size());

        state.callerProperty().set(caller(PII_AUDITOR, false));
        list.searchProperty().set("");
        list.refresh();
        assertEquals("Ada Lovelace", list.rows().get(0).name());
    }
}
