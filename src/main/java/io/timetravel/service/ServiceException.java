package io.timetravel.service;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A use case refused or failed; the subclass says how, the message says why in a user's words. */
public abstract class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ServiceException(String message) {
        super(message);
    }

    protected ServiceException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure a use case raised, from inside the wrappers a future puts around it
     * ({@code join()} and {@code get()}): what to map to a status, an exit code or a dialog.
     */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
