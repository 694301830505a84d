package io.timetravel.service;

/** Refuses a new event stream because as many as allowed are open already; retrying later may work. */
public final class TooManyStreamsException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public TooManyStreamsException(int limit) {
        super("too many open event streams (limit " + limit + "); retry later");
    }
}
