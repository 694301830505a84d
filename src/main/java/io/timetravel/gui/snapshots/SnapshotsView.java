package io.timetravel.gui.snapshots;

/** The Snapshots view's controller (placeholder until the view is built). */
public final class SnapshotsView {
}
