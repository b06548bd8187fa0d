package io.ces.domain.event;

/**
 * A record that cannot become a deliverable event. Rejections are expected input, not bugs, so the exception
 * carries no stack trace.
 */
public final class EventRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public EventRejectedException(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
