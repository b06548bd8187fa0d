package io.ces.application;

/** A user, or this replica, already has the maximum number of sessions allowed by configuration. */
public class SessionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionLimitException(String message) {
        super(message);
    }
}
