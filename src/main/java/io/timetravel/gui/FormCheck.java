package io.timetravel.gui;

import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

/**
 * A form's check: why it cannot be submitted yet (or empty), whether it can, and the problem as
 * shown under the fields, which stays empty until the user has typed in one of them (a required
 * field is not an error before then: the hint under it says so).
 */
public final class FormCheck {

    private final BooleanProperty touched = new SimpleBooleanProperty();
    private final StringBinding problem;
    private final BooleanBinding valid;
    private final StringBinding shownProblem;

    /**
     * @param find   the problem of the fields as they are, or empty
     * @param fields the fields typed in, read by {@code find}
     */
    public FormCheck(Callable<String> find, ObservableValue<?>... fields) {
        problem = Bindings.createStringBinding(find, fields);
        valid = Bindings.createBooleanBinding(() -> problem.get().isEmpty(), problem);
        for (ObservableValue<?> field : fields) {
            field.addListener((observable, old, text) -> touched.set(true));
        }
        shownProblem = Bindings.createStringBinding(() -> touched.get() ? problem.get() : "", touched, problem);
    }

    /** Shows the problem from now on, as if the user had typed (a submit that was refused). */
    public void touch() {
        touched.set(true);
    }

    /** Hides the problem again until the user types (a form emptied for the next entry). */
    public void untouch() {
        touched.set(false);
    }

    /** Why the form cannot be submitted yet, or empty. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** {@link #problemProperty}, once the user has typed in one of the fields. */
    public StringBinding shownProblemProperty() {
        return shownProblem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
