package io.timetravel.service;

/** Decides whether a change made by an actor gets an audit entry (the audit-logging switch). */
@FunctionalInterface
public interface AuditPolicy {

    boolean shouldAudit(long actor, String region);

    static AuditPolicy always() {
        return (actor, region) -> true;
    }
}
