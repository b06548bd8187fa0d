package io.ces.domain.receipt;

/** What a receipt says about an event: the client received it ({@code ack}) or its user read it ({@code read}). */
public enum ReceiptKind {

    DELIVERED("ack", "ces.receipt.delivered", "deliveredAt"),
    READ("read", "ces.receipt.read", "readAt");

    private final String frameType;
    private final String eventType;
    private final String timeField;

    ReceiptKind(String frameType, String eventType, String timeField) {
        this.frameType = frameType;
        this.eventType = eventType;
        this.timeField = timeField;
    }

    /** The client frame's {@code type} that asks for this receipt. */
    public String frameType() {
        return frameType;
    }

    /** The CloudEvent {@code type} of the receipt. */
    public String eventType() {
        return eventType;
    }

    /** The name of the receipt's time in its data. */
    public String timeField() {
        return timeField;
    }
}
