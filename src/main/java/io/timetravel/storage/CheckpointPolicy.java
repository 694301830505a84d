package io.timetravel.storage;

/**
 * When a version stores its full state instead of only its patch (docs/decisions/0003).
 *
 * <p>A checkpoint is written when the patches since the last one add up to the size of the state
 * (so patches and checkpoints together cost at most about twice the patches: storage per version
 * follows the size of the change, not of the record), or when the chain would get longer than
 * {@link #MAX_CHAIN} versions (so rebuilding any stored state reads a bounded number of rows,
 * however many versions the record has).
 */
final class CheckpointPolicy {

    static final int MAX_CHAIN = 32;

    private CheckpointPolicy() {
    }

    static boolean isCheckpoint(ChainHead previous, long newVersion, int stateChars, int patchChars) {
        if (previous == null) {
            return true;
        }
        boolean chainFull = newVersion - previous.checkpointVersion() >= MAX_CHAIN;
        boolean patchesOutweighState = previous.patchCharsSinceCheckpoint() + patchChars >= stateChars;
        return chainFull || patchesOutweighState;
    }
}
