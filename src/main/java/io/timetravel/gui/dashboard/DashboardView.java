package io.timetravel.gui.dashboard;

/** The Dashboard view's controller (placeholder until the view is built). */
public final class DashboardView {
}
