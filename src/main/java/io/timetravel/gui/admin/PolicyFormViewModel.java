package io.timetravel.gui.admin;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.service.AccessService;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Access view's field-policy form: the selected policy's path, masking and visible
 * characters, or a new policy's; sets (adds or replaces) a policy and removes one, after asking.
 */
public final class PolicyFormViewModel {

    static final String DEFAULT_VISIBLE_CHARS = "4";

    private final AccessService access;
    private final DialogService dialogs;
    private final AccessChanges changes;
    private final List<FieldPolicy> policies;
    private final ObjectProperty<FieldPolicy> selectedPolicy;
    /** Reads the users and policies again. */
    private final Runnable reload;

    private final StringProperty policyPath = new SimpleStringProperty("");
    private final ObjectProperty<FieldPolicy.Masking> policyMasking = new SimpleObjectProperty<>(FieldPolicy.Masking.PARTIAL);
    private final StringProperty visibleChars = new SimpleStringProperty(DEFAULT_VISIBLE_CHARS);

    PolicyFormViewModel(AccessService access, DialogService dialogs, AccessChanges changes, List<FieldPolicy> policies,
                        ObjectProperty<FieldPolicy> selectedPolicy, Runnable reload) {
        this.access = access;
        this.dialogs = dialogs;
        this.changes = changes;
        this.policies = policies;
        this.selectedPolicy = selectedPolicy;
        this.reload = reload;
    }

    /** Shows {@code policy} in the form; {@code null} leaves the form as it is. */
    void fill(FieldPolicy policy) {
        if (policy == null) {
            return;
        }
        policyPath.set(policy.path());
        policyMasking.set(policy.masking());
        visibleChars.set(policy.masking() == FieldPolicy.Masking.PARTIAL ? Integer.toString(policy.visibleChars())
                : DEFAULT_VISIBLE_CHARS);
    }

    /** Sets (adds or replaces) the policy the form describes. */
    public void setPolicy() {
        if (!changes.mayChange()) {
            return;
        }
        String path = policyPath.get().strip();
        FieldPolicy.Masking masking = policyMasking.get();
        int visible = 0;
        if (masking == FieldPolicy.Masking.PARTIAL) {
            visible = Ids.parsePositiveInt(visibleChars.get().strip());
            if (visible < 1 || visible > FieldPolicy.MAX_VISIBLE_CHARS) {
                changes.fail(Messages.get("admin.badVisible", visibleChars.get().strip(), FieldPolicy.MAX_VISIBLE_CHARS));
                return;
            }
        }
        if (path.isEmpty() || !FieldPolicy.isValidPath(path)) {
            changes.fail(Messages.get("admin.badPath", path));
            return;
        }
        if (masking == null) {
            changes.fail(Messages.get("admin.noMasking"));
            return;
        }
        FieldPolicy policy = new FieldPolicy(path, masking, visible);
        changes.change(by -> access.setPolicy(policy, by.actor()).join(), set -> {
            changes.succeed(Messages.get("admin.policySet", set.path(), maskingName(set)));
            selectedPolicy.set(null);
            reload.run();
        }, "admin.policyFailed");
    }

    /** Removes the selected policy (or the one the path names), after asking: the field is then shown to everyone. */
    public void removePolicy() {
        if (!changes.mayChange()) {
            return;
        }
        String path = selectedPolicy.get() != null ? selectedPolicy.get().path() : policyPath.get().strip();
        if (policies.stream().noneMatch(policy -> policy.path().equals(path))) {
            changes.fail(Messages.get("admin.noPolicy", path));
            return;
        }
        if (!dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmRemovePolicy", path))) {
            return;
        }
        changes.change(by -> access.removePolicy(path, by.actor()).join(), removed -> {
            changes.succeed(Messages.get("admin.policyRemoved", removed.path()));
            selectedPolicy.set(null);
            reload.run();
        }, "admin.removeFailed");
    }

    /** "partial (last 4)", "full", "hash". */
    public static String maskingName(FieldPolicy policy) {
        return policy.masking() == FieldPolicy.Masking.PARTIAL
                ? Messages.get("admin.maskingPartialN", policy.visibleChars())
                : Messages.get("admin.masking." + policy.masking().key());
    }

    public StringProperty policyPathProperty() {
        return policyPath;
    }

    public ObjectProperty<FieldPolicy.Masking> policyMaskingProperty() {
        return policyMasking;
    }

    public StringProperty visibleCharsProperty() {
        return visibleChars;
    }
}
