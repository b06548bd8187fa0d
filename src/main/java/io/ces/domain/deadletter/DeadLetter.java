package io.ces.domain.deadletter;

import java.time.Instant;
import java.util.Objects;

import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;

/**
 * A record on its way to the dead-letter topic: the original, unchanged, and why it could not be delivered.
 *
 * @param retries how many times delivery was retried before giving up (0 when the record was refused at once)
 * @param subject what the failure was about beyond the record, such as the expired session; null when nothing
 */
public record DeadLetter(InboundRecord original, RejectionReason reason, String detail, int retries,
        Instant firstFailure, Instant lastFailure, String subject) {

    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(lastFailure, "lastFailure");
        detail = detail == null ? "" : detail;
    }

    /** A record refused on arrival, without retries. */
    public static DeadLetter refused(InboundRecord original, RejectionReason reason, String detail, Instant now) {
        return new DeadLetter(original, reason, detail, 0, now, now, null);
    }

    /**
     * What identifies this dead letter across replicas: every replica reads every record, and only one of them
     * should publish it.
     */
    public String claimKey() {
        return reason.code() + "|" + original.position() + (subject == null ? "" : "|" + subject);
    }
}
