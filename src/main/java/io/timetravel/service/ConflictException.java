package io.timetravel.service;

/** The thing asked for exists but is not in a state that allows the request (yet). */
public final class ConflictException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
