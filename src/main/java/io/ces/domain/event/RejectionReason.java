package io.ces.domain.event;

/** Why an inbound record was not delivered. The code is what operators see in logs, metrics and the DLQ. */
public enum RejectionReason {
    /** The value is not a JSON object (or, in binary mode, the data does not match its content type). */
    MALFORMED("malformed"),
    /** Valid JSON, but not a CloudEvent 1.0: specversion, id, source or type missing or wrong. */
    INVALID_CLOUDEVENT("invalid-cloudevent"),
    /** A CloudEvent without a room, sessionid or userid attribute, or with more than one. */
    NO_TARGET("no-target"),
    /** The target is present but not a usable id (a room id with characters outside the allowed set). */
    INVALID_TARGET("invalid-target");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
