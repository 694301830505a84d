package io.timetravel.gui.flags;

/** The Flags view's controller (placeholder until the view is built). */
public final class FlagsView {
}
