package io.timetravel.gui.admin;

/** The Access view's controller (placeholder until the view is built). */
public final class AccessView {
}
