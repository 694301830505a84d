package io.timetravel.gui.audit;

import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** A digests table cell: whether a digest's signature holds, said in words and marked, the problem in a tooltip. */
final class DigestSignatureCell extends GraphicCell<DigestsViewModel.DigestRow, DigestsViewModel.DigestRow> {
    private final Label tag = new Label();
    private final Tooltip tooltip = new Tooltip();

    @Override
    protected void show(DigestsViewModel.DigestRow row) {
        tag.setText(Messages.get(row.signatureOk() ? "digests.signatureOk" : "digests.signatureBad"));
        tag.getStyleClass().setAll("label", "op-tag", row.signatureOk() ? "signature-ok" : "signature-bad");
        setGraphic(tag);
        if (row.problem().isEmpty()) {
            setTooltip(null);
        } else {
            tooltip.setText(row.problem());
            setTooltip(tooltip);
        }
    }
}
