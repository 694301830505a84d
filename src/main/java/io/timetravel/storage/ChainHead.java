package io.timetravel.storage;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.MergePatch;

/**
 * Where a record's chain of stored states ends: the base for the next version's {@code patch}
 * column and how far it is from its checkpoint. The stored states are those the store answered
 * right after each version was recorded (docs/decisions/0019); reads fold the versions' own
 * patches instead, so these columns serve operators and the migration, not the read path.
 *
 * @param version                   the highest-numbered version
 * @param state                     its stored state
 * @param checkpointVersion         the version holding the full state the chain continues from
 * @param patchCharsSinceCheckpoint the size of the patches after that checkpoint, up to {@code version}
 */
record ChainHead(long version, JsonObject state, long checkpointVersion, long patchCharsSinceCheckpoint) {

    /** The columns of the next version's row, and the head after it. */
    record Link(String data, String patch, long checkpointVersion, ChainHead next) {
    }

    /** Links the next version's stored state {@code state} to this chain ({@code previous} null: the first version). */
    static Link link(ChainHead previous, JsonObject state) {
        long version = previous == null ? 1 : previous.version() + 1;
        String dataJson = state.toJson();
        String patchJson = previous == null ? dataJson : MergePatch.between(previous.state(), state).toJson();
        boolean checkpoint = CheckpointPolicy.isCheckpoint(previous, version, dataJson.length(), patchJson.length());
        long checkpointVersion = checkpoint ? version : previous.checkpointVersion();
        long chars = checkpoint ? 0 : previous.patchCharsSinceCheckpoint() + patchJson.length();
        return new Link(checkpoint ? dataJson : null, patchJson, checkpointVersion,
                new ChainHead(version, state, checkpointVersion, chars));
    }
}
