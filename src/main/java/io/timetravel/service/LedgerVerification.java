package io.timetravel.service;

import io.timetravel.domain.ChainBreak;
import java.util.List;

/**
 * The outcome of checking everything stored about changes (docs/decisions/0021).
 *
 * @param ok             whether every check held
 * @param auditEntries   audit entries checked (all of them unless the audit chain itself broke,
 *                       then including the broken one)
 * @param auditHead      the audit chain's head when {@code ok}, else {@code null}
 * @param ledgerEntries  ledger entries checked
 * @param ledgerHead     the ledger's head when {@code ok}, else {@code null}
 * @param versions       version rows covered when {@code ok}, else 0
 * @param digestsChecked digests the ledger was held to (logged and given)
 * @param latestDigestAt when the newest logged digest was taken, {@code null} when none is logged
 * @param broken         the first thing that did not hold, or {@code null}
 * @param lanes          each lane's chains when {@code ok}, by lane (docs/decisions/0030), else empty; the
 *                       counts above are summed over them, and the heads above are the lane's own when
 *                       there is only lane 0, else {@link io.timetravel.domain.Lanes#joinedHead joined}
 */
public record LedgerVerification(boolean ok, long auditEntries, String auditHead, long ledgerEntries, String ledgerHead,
                                 long versions, int digestsChecked, String latestDigestAt, ChainBreak broken, List<Lane> lanes) {

    /** One lane's audit chain and ledger: how many entries each has and the hash each ends in. */
    public record Lane(long lane, long auditEntries, String auditHead, long ledgerEntries, String ledgerHead) {
    }

    public LedgerVerification {
        lanes = List.copyOf(lanes);
    }

    static LedgerVerification failure(long auditEntries, long ledgerEntries, int digestsChecked, String latestDigestAt,
                                      ChainBreak broken) {
        return new LedgerVerification(false, auditEntries, null, ledgerEntries, null, 0, digestsChecked, latestDigestAt, broken,
                List.of());
    }
}
