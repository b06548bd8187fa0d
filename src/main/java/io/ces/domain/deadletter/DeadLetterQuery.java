package io.ces.domain.deadletter;

import java.time.Instant;

/**
 * Which dead letters an operator asks for; every criterion is optional (null).
 *
 * @param reason a reason code such as {@code schema-invalid}
 * @param from dead-lettered at or after
 * @param to dead-lettered before
 * @param room the room the original event was for
 * @param limit at most this many answers
 */
public record DeadLetterQuery(String reason, Instant from, Instant to, String room, int limit) {

    public DeadLetterQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public boolean matches(StoredDeadLetter letter, String letterRoom) {
        return (reason == null || reason.equals(letter.reason()))
                && (from == null || !letter.storedAt().isBefore(from))
                && (to == null || letter.storedAt().isBefore(to))
                && (room == null || room.equals(letterRoom));
    }
}
