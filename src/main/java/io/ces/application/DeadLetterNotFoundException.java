package io.ces.application;

/** No dead letter with this id (never written, purged, or expired from the topic). */
public class DeadLetterNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeadLetterNotFoundException(String id) {
        super("no dead letter " + id);
    }
}
