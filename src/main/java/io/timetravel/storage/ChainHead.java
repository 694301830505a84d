package io.timetravel.storage;

import io.timetravel.domain.RecordVersion;

/**
 * The writer's view of a record's newest version: its state (the base for the next delta) and
 * how far it is from its checkpoint.
 *
 * @param latest               the highest-numbered version
 * @param checkpointVersion    the version holding the full state the latest is rebuilt from
 * @param patchCharsSinceCheckpoint the size of the patches after that checkpoint, up to the latest
 */
record ChainHead(RecordVersion latest, long checkpointVersion, long patchCharsSinceCheckpoint) {
}
