package io.timetravel.service;

/** The request is not acceptable as given; nothing was changed. */
public final class InvalidRequestException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
