package io.timetravel.service;

/**
 * What a {@link WriteWork} may do inside the writer's transaction: one unit of work's access to
 * the versions, flags, audit trail and event log, each through the interface of its concern. Reads
 * see the work's own writes and those of earlier work in the same batch.
 */
public interface WriteSession extends VersionWrites, FlagWrites, AuditWrites, EventWrites {
}
