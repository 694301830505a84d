package io.timetravel.domain;

/** Who may act: users are positive 64-bit ids; 0 is the anonymous actor of legacy v1 clients. */
public final class Actors {

    /** The actor of v1 writes that name no user. */
    public static final long ANONYMOUS = 0L;

    private Actors() {
    }

    public static boolean isUser(long actor) {
        return actor > 0;
    }
}
