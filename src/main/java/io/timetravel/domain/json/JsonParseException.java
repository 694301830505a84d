package io.timetravel.domain.json;

/** The text is not acceptable JSON; the message says why and where, in words a client can act on. */
public final class JsonParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public JsonParseException(String message) {
        super(message);
    }
}
