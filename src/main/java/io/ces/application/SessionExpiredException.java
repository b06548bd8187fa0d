package io.ces.application;

/** A resume named a session that no longer exists, belongs to someone else, or with a wrong resume token. */
public class SessionExpiredException extends Exception {

    private static final long serialVersionUID = 1L;

    public SessionExpiredException(String message) {
        super(message, null, false, false);
    }
}
