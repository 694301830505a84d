package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;

/**
 * The outcome of walking the audit chain.
 *
 * @param ok      whether every entry verified
 * @param entries entries checked, including the broken one when there is one
 * @param head    the hash of the last entry that verified (the chain's head when {@code ok})
 * @param broken  the first entry that does not verify, or {@code null}
 */
public record AuditVerification(boolean ok, long entries, String head, AuditChainCheck.Break broken) {
}
