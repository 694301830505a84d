package io.timetravel.service;

/** The database cannot be used right now (unreachable, full, overloaded); retrying may work. */
public final class StoreUnavailableException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
