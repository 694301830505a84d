package io.timetravel.gui;

import io.timetravel.service.AccessService;
import io.timetravel.service.AuditService;
import io.timetravel.service.FlagService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.MetricsSource;
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
 */
public record Desk(
        AuditService audit,
        LedgerService ledger,
        FlagService flags,
        SnapshotService snapshots,
        AccessService admin,
        MetricsSource metrics) {
}
