package io.timetravel.gui.restore;

/**
 * A field the restore will change: its value now and after the restore.
 *
 * @param kind {@code diff-added} (the field comes back), {@code diff-removed} (it goes away) or
 *             {@code diff-changed}: the style class that colours the row
 */
public record PreviewRow(String field, String now, String restored, String kind) {
}
