package io.timetravel.service;

/** The caller is known but may not do what it asked (HTTP 403). */
public final class AccessDeniedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
