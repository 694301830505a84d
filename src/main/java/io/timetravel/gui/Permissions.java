package io.timetravel.gui;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;

/** Whether the workbench's user may do something, and if not, why, in words for a tooltip. */
public final class Permissions {

    private Permissions() {
    }

    /** Empty when {@code caller} may; else e.g. "Needs the role underwriter or admin". */
    public static String whyNot(Caller caller, Permission permission) {
        if (caller == null || caller.equals(WorkspaceState.NOBODY)) {
            return Messages.get("access.noUser");
        }
        return caller.allows(permission) ? "" : Messages.get("access.needs", Role.namesAllowing(permission));
    }

    /** {@link #whyNot(Caller, Permission)} for the caller as it changes. */
    public static StringBinding whyNot(ObservableValue<Caller> caller, Permission permission) {
        return Bindings.createStringBinding(() -> whyNot(caller.getValue(), permission), caller);
    }

    /** Whether the caller, as it changes, may. */
    public static BooleanBinding allows(ObservableValue<Caller> caller, Permission permission) {
        return Bindings.createBooleanBinding(() -> whyNot(caller.getValue(), permission).isEmpty(), caller);
    }
}
