package io.ces.domain.event;

/**
 * Why an inbound record was not delivered. The code is what operators see in logs, metrics and the dead-letter
 * topic's {@code ces-dlq-reason} header.
 */
public enum RejectionReason {
    /** The value is not a JSON object (or, in binary mode, the data does not match its content type). */
    MALFORMED("malformed"),
    /** Valid JSON, but not a CloudEvent 1.0: specversion, id, source or type missing or wrong. */
    INVALID_CLOUDEVENT("invalid-cloudevent"),
    /** A CloudEvent without any of the room, sessionid or userid attributes, and no routing rule that gives it one. */
    NO_TARGET("no-target"),
    /** More than one target attribute, or a target that is not a usable id (such as a room id with a space). */
    INVALID_TARGET("invalid-target"),
    /**
     * A routing rule matched but could not give the event a target: a template names a value the event does not
     * have, or the value makes no valid target.
     */
    RULE_FAILED("rule-failed"),
    /** The data does not match the JSON Schema registered for the event's type (or names an unknown schema). */
    SCHEMA_INVALID("schema-invalid"),
    /** The event was waiting for a session that expired before it came back. */
    SESSION_EXPIRED("session-expired"),
    /** A dependency (such as the cache) kept failing until the last retry. */
    DELIVERY_FAILED("delivery-failed"),
    /** A fault in CES itself; the record is kept so that it can be replayed once CES is fixed. */
    INTERNAL_ERROR("internal-error");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
