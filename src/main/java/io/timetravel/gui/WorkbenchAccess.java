package io.timetravel.gui;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.service.AccessService;
import io.timetravel.service.Disclosure;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the workbench needs of identity and access: who its user is, and how record data is
 * disclosed to them. Every method may read the database: call them on a background thread.
 */
public interface WorkbenchAccess {

    /** The active user mapped to the operating-system account {@code osUser}, verified. */
    Optional<Caller> osAccount(String osUser);

    /**
     * The caller for a user id typed in: a registered user with its own roles, an unregistered
     * id with every role; declared either way.
     *
     * @throws io.timetravel.service.AccessDeniedException when the id belongs to a disabled user
     */
    Caller declared(long id);

    /** The field policies in force, for values shown outside a record's state (the list's names). */
    FieldPolicies policies();

    /** A disclosure of record data to {@code caller} through the view named {@code view}. */
    Disclosure disclosure(Caller caller, String view);

    /**
     * Loads record data for {@code caller} through {@code view}'s disclosure and records the access
     * before returning, so that nothing unmasked reaches the screen unlogged. Background thread only.
     */
    default <T> T disclose(Caller caller, String view, Function<Disclosure, T> load) {
        Disclosure disclosure = disclosure(caller, view);
        T shown = load.apply(disclosure);
        disclosure.settle().join();
        return shown;
    }

    /** The workbench's access through {@code access}; the access log names views as "desktop &lt;view&gt;". */
    static WorkbenchAccess of(AccessService access) {
        return new WorkbenchAccess() {
            @Override
            public Optional<Caller> osAccount(String osUser) {
                return osUser == null || osUser.isBlank() ? Optional.empty() : access.osAccount(osUser);
            }

            @Override
            public Caller declared(long id) {
                return access.declared(id);
            }

            @Override
            public FieldPolicies policies() {
                return access.policies();
            }

            @Override
            public Disclosure disclosure(Caller caller, String view) {
                return access.disclosure(caller, "desktop " + view);
            }
        };
    }
}
