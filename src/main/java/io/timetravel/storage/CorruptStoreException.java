package io.timetravel.storage;

/** The database holds something the store never writes: a bug or a hand edit, never client input. */
public final class CorruptStoreException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CorruptStoreException(String message) {
        super(message);
    }
}
