package io.timetravel.domain.access;

/**
 * Who made a change, and whether that is known or only claimed.
 *
 * @param id       the user id (0 = the anonymous actor of legacy v1 clients and local tools)
 * @param verified {@code true} when the identity was proven (a bearer token, or a workbench user
 *                 mapped to the operating-system account); {@code false} when it was only declared
 */
public record Actor(long id, boolean verified) {

    /** The anonymous, declared actor. */
    public static final Actor ANONYMOUS = new Actor(0, false);

    public static Actor declared(long id) {
        return new Actor(id, false);
    }

    public static Actor verified(long id) {
        return new Actor(id, true);
    }
}
