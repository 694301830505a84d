package io.timetravel.gui.audit;

import io.timetravel.domain.Page;
import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessLogQuery;
import io.timetravel.service.AccessService;
import java.time.ZoneId;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The access log (who saw personal data unmasked), newest first, a page at a time, filtered by
 * record, actor and time; shown only to a user with the access-log permission, others are told why.
 */
public final class AccessLogViewModel {

    /** Rows per page. */
    public static final int PAGE_SIZE = 200;

    /** One disclosure as the table shows it. */
    public record AccessRow(long id, String at, String actor, String verified, String view, String records, String fields) {

        static AccessRow of(AccessEntry entry, ZoneId zone) {
            return new AccessRow(entry.id(), Formats.localTime(entry.accessedAt(), zone), Formats.actor(entry.actor().id()),
                    AuditRow.verified(entry.actor().verified()), entry.endpoint(),
                    entry.recordIds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    String.join(", ", entry.fields()));
        }
    }

    private final AccessService admin;
    private final WorkspaceState state;
    private final LatestOnly reads;
    private final ZoneId zone;
    private final StringProperty record = new SimpleStringProperty("");
    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<AccessRow> rows = FXCollections.observableArrayList();
    private final StringBinding whyNot;
    private final BooleanBinding allowed;
    private AccessLogQuery applied;
    private long total;
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper();

    public AccessLogViewModel(AccessService admin, WorkspaceState state, BackgroundTasks tasks, ZoneId zone) {
        this.admin = admin;
        this.state = state;
        this.reads = new LatestOnly(tasks);
        this.zone = zone;
        whyNot = Permissions.whyNot(state.callerProperty(), Permission.ACCESS_LOG);
        allowed = Bindings.createBooleanBinding(() -> whyNot.get().isEmpty(), whyNot);
        allowed.addListener((observable, was, is) -> {
            rows.clear();
            if (is) {
                apply();
            } else {
                status.set("");
            }
        });
    }

    /** Reads the filters; when they are good and the user may, shows the first page of what they select. */
    public boolean apply() {
        AuditFilters.Common filters = AuditFilters.common(record.get(), actor.get(), from.get(), to.get(), zone);
        if (!filters.ok()) {
            problem.set(filters.problem());
            return false;
        }
        problem.set("");
        applied = new AccessLogQuery(filters.recordId(), filters.actor(), filters.from(), filters.to(), PAGE_SIZE, 0);
        load(applied);
        return true;
    }

    /** The next older page. */
    public void next() {
        if (applied != null && hasNext.get()) {
            load(new AccessLogQuery(applied.recordId(), applied.actor(), applied.from(), applied.to(), PAGE_SIZE,
                    applied.offset() + PAGE_SIZE));
        }
    }

    /** The previous, newer page. */
    public void previous() {
        if (applied != null && hasPrevious.get()) {
            load(new AccessLogQuery(applied.recordId(), applied.actor(), applied.from(), applied.to(), PAGE_SIZE,
                    Math.max(0, applied.offset() - PAGE_SIZE)));
        }
    }

    /** Reads the page shown again. */
    public void refresh() {
        if (applied == null) {
            apply();
        } else {
            load(applied);
        }
    }

    private void load(AccessLogQuery query) {
        if (!allowed.get()) {
            rows.clear();
            return;
        }
        status.set(Messages.get("audit.loading"));
        reads.run(() -> admin.accessLog(query), (Page<AccessEntry> page) -> {
            applied = query;
            total = page.total();
            rows.setAll(page.items().stream().map(entry -> AccessRow.of(entry, zone)).toList());
            hasPrevious.set(query.offset() > 0);
            hasNext.set(query.offset() + page.items().size() < total);
            status.set(total == 0 ? Messages.get("access.log.none")
                    : Messages.get("access.log.page", query.offset() + 1, query.offset() + page.items().size(), total));
        }, failure -> status.set(Messages.get("access.log.failed", failure.getMessage())));
    }

    public StringProperty recordProperty() {
        return record;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** What is wrong with the filters, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<AccessRow> rows() {
        return rows;
    }

    /** Why the user may not see the access log, or empty. */
    public StringBinding whyNotProperty() {
        return whyNot;
    }

    public BooleanBinding allowedProperty() {
        return allowed;
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }
}
