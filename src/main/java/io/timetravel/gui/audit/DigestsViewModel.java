package io.timetravel.gui.audit;

import io.timetravel.domain.Instants;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.service.LedgerService;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The signed digests of the digest log, newest first, one row each: when it was taken, the lane of
 * the ledger it describes (docs/decisions/0030), how long that lane was and the hash it ended in,
 * and whether its signature holds.
 */
public final class DigestsViewModel {

    /** One line of the digest log as the table shows it; {@code lane} and {@code entries} are -1 when it is no digest. */
    public record DigestRow(int line, String taken, long lane, long entries, String head, String keyId, boolean signatureOk,
                            String problem) {

        static DigestRow of(LedgerService.LoggedDigest logged, ZoneId zone) {
            if (logged.digest() == null) {
                return new DigestRow(logged.line(), "", -1, -1, "", "", false, logged.problem());
            }
            String taken;
            try {
                taken = Formats.localTime(Instants.parse(logged.digest().at()), zone);
            } catch (IllegalArgumentException | DateTimeException e) {
                taken = logged.digest().at();
            }
            return new DigestRow(logged.line(), taken, logged.digest().lane(), logged.digest().entries(), logged.digest().head(), logged.digest().keyId(),
                    logged.signatureOk(), logged.problem() == null ? "" : logged.problem());
        }
    }

    private final LedgerService ledger;
    private final LatestOnly reads;
    private final ZoneId zone;
    private final ObservableList<DigestRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    public DigestsViewModel(LedgerService ledger, BackgroundTasks tasks, ZoneId zone) {
        this.ledger = ledger;
        this.reads = new LatestOnly(tasks);
        this.zone = zone;
    }

    /** Reads the digest log again. */
    public void refresh() {
        loading.set(true);
        reads.run(() -> ledger.loggedDigests().stream().map(logged -> DigestRow.of(logged, zone)).toList(), loaded -> {
            loading.set(false);
            List<DigestRow> newestFirst = new ArrayList<>(loaded);
            Collections.reverse(newestFirst);
            rows.setAll(newestFirst);
            long bad = loaded.stream().filter(row -> !row.signatureOk()).count();
            status.set(bad == 0 ? Messages.get("digests.count", loaded.size()) : Messages.get("digests.countBad", loaded.size(), bad));
        }, failure -> {
            loading.set(false);
            status.set(Messages.get("digests.loadFailed", failure.getMessage()));
        });
    }

    public ObservableList<DigestRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
