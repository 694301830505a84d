package io.timetravel.gui;

import io.timetravel.service.AccessService;
import io.timetravel.service.AuditService;
import io.timetravel.service.FlagService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.MetricsSource;
import io.timetravel.service.PremiumService;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SnapshotService;

/**
 * The services behind the auditor's and operator's views (audit, flags, snapshots, dashboard,
 * access), beside the record services of {@link Workbench}.
 *
 * @param audit     the audit trail and its chain
 * @param ledger    the signed digests of the ledger, and their verification
 * @param flags     the feature flags
 * @param snapshots point-in-time snapshots and their files
 * @param admin     users, tokens, field policies and the access log (the Access view, admins only)
 * @param metrics   the running process's own metrics, for the dashboard
 * @param premiums  premium quotes, their decisions and replays (the record pane's Premium tab)
 * @param recalculations recalculation jobs over every record (the Recalculations view)
 */
public record Desk(
        AuditService audit,
        LedgerService ledger,
        FlagService flags,
        SnapshotService snapshots,
        AccessService admin,
        MetricsSource metrics,
        PremiumService premiums,
        RecalculationService recalculations) {
}
