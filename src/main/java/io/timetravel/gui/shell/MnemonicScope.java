package io.timetravel.gui.shell;

import io.timetravel.gui.ViewSide;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;

/**
 * Keeps the Alt+letter mnemonics of the views apart. All views live in one scene, and JavaFX
 * fires neither of two controls that share a mnemonic letter, even when one of them is on a
 * hidden tab; with six views there are more mnemonics than letters. So only what is in front has
 * its mnemonics: the view in front and, inside it, the selected tab of each tab pane. The
 * controls of the others have mnemonic parsing turned off until they come forward again (their
 * underscores are never seen, as they are hidden).
 */
@ViewSide
final class MnemonicScope {

    private static final String MARK = "timetravel.mnemonic";
    private static final String ACTIVE = "timetravel.mnemonic.active";

    private MnemonicScope() {
    }

    /** Turns the mnemonics below {@code view} on (for what is in front inside it) or off. */
    static void activate(Node view, boolean active) {
        if (view != null) {
            walk(view, active);
        }
    }

    private static void walk(Node node, boolean active) {
        if (node instanceof Labeled labeled) {
            toggle(labeled, active);
        }
        if (node instanceof TabPane tabs) {
            tabs.getProperties().put(ACTIVE, active);
            follow(tabs);
            for (Tab tab : tabs.getTabs()) {
                activate(tab.getContent(), active && tab.isSelected());
            }
            return; // a tab pane's children are its tabs' contents, done above
        }
        for (Node child : children(node)) {
            if (child != null) {
                walk(child, active);
            }
        }
    }

    /** A tab pane inside a view keeps only its selected tab's mnemonics, as the selection changes. */
    private static void follow(TabPane tabs) {
        if (tabs.getProperties().putIfAbsent(MARK, Boolean.TRUE) != null) {
            return;
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> {
            boolean active = Boolean.TRUE.equals(tabs.getProperties().get(ACTIVE));
            if (old != null) {
                activate(old.getContent(), false);
            }
            if (tab != null) {
                activate(tab.getContent(), active);
            }
        });
    }

    private static void toggle(Labeled labeled, boolean active) {
        if (active) {
            if (labeled.getProperties().remove(MARK) != null) {
                labeled.setMnemonicParsing(true);
            }
        } else if (labeled.isMnemonicParsing() && labeled.getText() != null && labeled.getText().indexOf('_') >= 0) {
            labeled.getProperties().put(MARK, Boolean.TRUE);
            labeled.setMnemonicParsing(false);
        }
    }

    /**
     * The nodes below {@code node}, including what containers keep outside their children until
     * their skin is made (a scroll pane's or titled pane's content, a split pane's items): a skin
     * made later would register their mnemonics otherwise.
     */
    private static List<Node> children(Node node) {
        List<Node> next = new ArrayList<>();
        if (node instanceof Parent parent) {
            next.addAll(parent.getChildrenUnmodifiable());
        }
        if (node instanceof ScrollPane scroll && !next.contains(scroll.getContent())) {
            next.add(scroll.getContent());
        } else if (node instanceof TitledPane titled && !next.contains(titled.getContent())) {
            next.add(titled.getContent());
        } else if (node instanceof SplitPane split) {
            split.getItems().stream().filter(item -> !next.contains(item)).forEach(next::add);
        }
        return next;
    }
}
