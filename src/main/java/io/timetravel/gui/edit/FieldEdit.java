package io.timetravel.gui.edit;

import io.timetravel.domain.json.JsonValue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One top-level field in the editor: its name, type and value as text, what it was before
 * ({@code null} for a new field), and whether it is to be removed.
 */
public final class FieldEdit {

    private final StringProperty name = new SimpleStringProperty();
    private final ObjectProperty<FieldType> type = new SimpleObjectProperty<>();
    private final StringProperty value = new SimpleStringProperty();
    private final BooleanProperty removed = new SimpleBooleanProperty();
    private final JsonValue original;
    private final String originalName;
    private final boolean masked;

    private FieldEdit(String name, FieldType type, String value, JsonValue original, boolean masked) {
        this.name.set(name);
        this.type.set(type);
        this.value.set(value);
        this.original = original;
        this.originalName = original == null ? null : name;
        this.masked = masked;
    }

    /** A field the record has now. */
    public static FieldEdit existing(String name, JsonValue value) {
        return new FieldEdit(name, FieldType.of(value), FieldType.text(value), value, false);
    }

    /** A field the record has now, shown masked ({@code value} is the masked form): it cannot be edited or removed. */
    public static FieldEdit masked(String name, JsonValue value) {
        return new FieldEdit(name, FieldType.of(value), FieldType.text(value), value, true);
    }

    /** A field the user adds. */
    public static FieldEdit added(String name, FieldType type, String value) {
        return new FieldEdit(name, type, value, null, false);
    }

    /** Whether this is personal data the user sees only masked: read-only, since its real value is unknown here. */
    public boolean isMasked() {
        return masked;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<FieldType> typeProperty() {
        return type;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public BooleanProperty removedProperty() {
        return removed;
    }

    /** The stored value before editing, or {@code null} for a new field. */
    public JsonValue original() {
        return original;
    }

    public boolean isNew() {
        return original == null;
    }

}
