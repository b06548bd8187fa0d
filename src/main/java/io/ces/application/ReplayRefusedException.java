package io.ces.application;

/** A dead letter that may not be replayed now: already handled, or replayed too often (so it cannot loop). */
public class ReplayRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReplayRefusedException(String message) {
        super(message);
    }
}
