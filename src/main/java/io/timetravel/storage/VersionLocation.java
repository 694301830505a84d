package io.timetravel.storage;

/** Where a version's state comes from: the version and the checkpoint it is rebuilt from. */
record VersionLocation(long version, long checkpointVersion) {
}
