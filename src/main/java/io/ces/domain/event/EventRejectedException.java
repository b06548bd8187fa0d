package io.ces.domain.event;

/**
 * A record that cannot become a deliverable event. Rejections are expected input, not bugs, so the exception
 * carries no stack trace.
 */
public final class EventRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;
    private final String eventId;

    public EventRejectedException(RejectionReason reason, String detail) {
        this(reason, detail, null);
    }

    private EventRejectedException(RejectionReason reason, String detail, String eventId) {
        super(detail, null, false, false);
        this.reason = reason;
        this.eventId = eventId;
    }

    /** The same rejection, of an event whose {@code id} was read before the rejection. */
    public EventRejectedException ofEvent(String id) {
        return new EventRejectedException(reason, getMessage(), id);
    }

    /** The rejected event's {@code id}, or null when the record was rejected before its id was known. */
    public String eventId() {
        return eventId;
    }

    public RejectionReason reason() {
        return reason;
    }
}
