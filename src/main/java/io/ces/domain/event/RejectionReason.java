package io.ces.domain.event;

/** Why an inbound record was not delivered. The code is what operators see in logs, metrics and the logs and metrics. */
public enum RejectionReason {
    /** The value is not a JSON object (or, in binary mode, the data does not match its content type). */
    MALFORMED("malformed"),
    /** Valid JSON, but not a CloudEvent 1.0: specversion, id, source or type missing or wrong. */
    INVALID_CLOUDEVENT("invalid-cloudevent"),
    /** A CloudEvent without any of the room, sessionid or userid attributes. */
    NO_TARGET("no-target"),
    /** More than one target attribute, or a target that is not a usable id (such as a room id with a space). */
    INVALID_TARGET("invalid-target");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
