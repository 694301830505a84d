package io.timetravel.gui.audit;

import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import java.time.ZoneId;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit browser's filter form: the filters as the user types and picks them, the query they
 * last made ({@link AuditFilters}) or what is wrong with them, and requests to put the keyboard
 * in them. The two choices apply the filters as soon as they change; the text fields wait for
 * Enter.
 */
public final class AuditFilterForm {

    private final ZoneId zone;
    private final StringProperty record = new SimpleStringProperty("");
    private final StringProperty actor = new SimpleStringProperty("");
    private final ObjectProperty<String> operation = new SimpleObjectProperty<>("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ObjectProperty<AuditFilters.Verified> verified = new SimpleObjectProperty<>(AuditFilters.Verified.ALL);
    private final ObservableList<String> operations = FXCollections.observableArrayList(
            Stream.concat(Stream.of(""), AuditService.EVENT_TYPES.stream()).toList());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper focusRequests = new ReadOnlyIntegerWrapper();
    /** The query the filters last made; {@code null} until they made one. */
    private AuditQuery applied;
    private boolean quiet;

    /** A form whose choices call {@code apply} when the user changes them. */
    AuditFilterForm(ZoneId zone, Runnable apply) {
        this.zone = zone;
        operation.addListener((observable, old, value) -> {
            if (!quiet) {
                apply.run();
            }
        });
        verified.addListener((observable, old, value) -> {
            if (!quiet) {
                apply.run();
            }
        });
    }

    /**
     * Reads the filters as typed; when they make a query it is applied, else the last one stays
     * and {@link #problemProperty()} says what is wrong. Returns whether they made one.
     */
    boolean apply() {
        AuditFilters.Parsed parsed = AuditFilters.parse(record.get(), actor.get(), operation.get(), from.get(), to.get(),
                verified.get(), zone);
        if (!parsed.ok()) {
            problem.set(parsed.problem());
            return false;
        }
        problem.set("");
        applied = parsed.query();
        return true;
    }

    /** The query the filters last made, or {@code null} while they made none. */
    AuditQuery applied() {
        return applied;
    }

    /** Whether any filter is set. */
    boolean filtered() {
        return applied != null && (applied.recordId() != null || applied.actor() != null || applied.eventType() != null
                || applied.from() != null || applied.to() != null || applied.actorVerified() != null);
    }

    /** Asks the view to put the keyboard in the first filter (Ctrl+F). */
    void requestFocus() {
        focusRequests.set(focusRequests.get() + 1);
    }

    /** Empties every filter without applying them. */
    void clear() {
        record.set("");
        actor.set("");
        from.set("");
        to.set("");
        // The choices apply the filters when they change: set quietly, then applied once.
        quiet = true;
        try {
            operation.set("");
            verified.set(AuditFilters.Verified.ALL);
        } finally {
            quiet = false;
        }
    }

    public StringProperty recordProperty() {
        return record;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    /** The event type to show ("" = any). */
    public ObjectProperty<String> operationProperty() {
        return operation;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public ObjectProperty<AuditFilters.Verified> verifiedProperty() {
        return verified;
    }

    /** The event types to filter by, "" first for any. */
    public ObservableList<String> operations() {
        return operations;
    }

    /** Counts the requests to put the keyboard in the first filter (Ctrl+F). */
    public ReadOnlyIntegerProperty focusRequestsProperty() {
        return focusRequests.getReadOnlyProperty();
    }

    /** What is wrong with the filters as typed, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
