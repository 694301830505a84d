package io.timetravel.gui.recalculations;

import io.timetravel.gui.Messages;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One engine the form offers: its name, the version a job started now would use (its label, or
 * {@code null} when no version is released yet), and whether the user ticked it.
 */
public final class EngineChoice {

    private final String name;
    private final String inForce;
    private final BooleanProperty selected;

    EngineChoice(String name, String inForce) {
        this.name = name;
        this.inForce = inForce;
        this.selected = new SimpleBooleanProperty(inForce != null);
    }

    public String name() {
        return name;
    }

    /** The version in force, {@code classic@1}, or {@code null}. */
    public String inForce() {
        return inForce;
    }

    /** What the check box says: "classic (in force: classic@1)". */
    public String text() {
        return inForce == null ? Messages.get("recalc.engineNone", name) : Messages.get("recalc.engineInForce", name, inForce);
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }
}
