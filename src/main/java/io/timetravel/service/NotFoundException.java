package io.timetravel.service;

/** The record, version or other thing asked for does not exist. */
public final class NotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
