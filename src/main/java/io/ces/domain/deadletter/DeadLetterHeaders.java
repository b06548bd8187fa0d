package io.ces.domain.deadletter;

/**
 * The headers CES adds to a dead-lettered record, next to the original's own headers. They are documented in
 * docs/operations.md; tools that read the dead-letter topic depend on these names.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "ces-dlq-reason";
    public static final String DETAIL = "ces-dlq-detail";
    public static final String TOPIC = "ces-dlq-topic";
    public static final String PARTITION = "ces-dlq-partition";
    public static final String OFFSET = "ces-dlq-offset";
    /** The original record's timestamp, in epoch milliseconds. */
    public static final String TIMESTAMP = "ces-dlq-timestamp";
    public static final String RETRIES = "ces-dlq-retries";
    /** ISO-8601 instants. */
    public static final String FIRST_FAILURE = "ces-dlq-first-failure";
    public static final String LAST_FAILURE = "ces-dlq-last-failure";
    public static final String REPLICA = "ces-dlq-replica";
    /** The session or other subject the failure was about, when there is one. */
    public static final String SUBJECT = "ces-dlq-subject";

    /** On a record replayed from the dead-letter topic: how many times it has been replayed. */
    public static final String REPLAY_COUNT = "ces-replay-count";
    /** On a replayed record: the dead letter it came from ({@code partition-offset} in the dead-letter topic). */
    public static final String REPLAY_OF = "ces-replay-of";

    private DeadLetterHeaders() {
    }

    /** Whether a header was added by CES, and so is not copied again when a dead letter is replayed. */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith("ces-dlq-");
    }
}
