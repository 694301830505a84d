package io.timetravel.gui.audit;

/** The Audit view's controller (placeholder until the view is built). */
public final class AuditView {
}
