package io.timetravel.service;

/** The thing asked for existed but is no longer available (an expired snapshot). */
public final class GoneException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public GoneException(String message) {
        super(message);
    }
}
