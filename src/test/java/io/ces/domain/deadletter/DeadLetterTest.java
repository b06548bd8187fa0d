package io.ces.domain.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.EventHeaders;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;

class DeadLetterTest {

    private static final Instant FIRST = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant LAST = FIRST.plusSeconds(5);
    private static final InboundRecord RECORD = new InboundRecord("orders", 2, 41L, 1_714_564_800_000L, "k",
            new byte[] { '{', '}' }, EventHeaders.NONE);

    private static DeadLetter withSubject(String subject) {
        return new DeadLetter(RECORD, RejectionReason.SESSION_EXPIRED, "gone", 3, FIRST, LAST, subject);
    }

    @Test
    void theClaimKeyIsTheReasonCodeAndTheRecordPosition() {
        assertEquals("session-expired|orders/2/41", withSubject(null).claimKey());
    }

    @Test
    void theClaimKeyEndsWithTheSubjectWhenThereIsOne() {
        assertEquals("session-expired|orders/2/41|s-9", withSubject("s-9").claimKey());
    }

    @Test
    void theSameRecordFailingForDifferentSubjectsHasDifferentClaimKeys() {
        assertNotEquals(withSubject("s-1").claimKey(), withSubject("s-2").claimKey());
    }

    @Test
    void theSameRecordFailingForDifferentReasonsHasDifferentClaimKeys() {
        DeadLetter schema = DeadLetter.refused(RECORD, RejectionReason.SCHEMA_INVALID, "", FIRST);
        DeadLetter target = DeadLetter.refused(RECORD, RejectionReason.NO_TARGET, "", FIRST);

        assertNotEquals(schema.claimKey(), target.claimKey());
    }

    @Test
    void aRefusedRecordHasNoRetriesNoSubjectAndFailedOnceAtTheGivenInstant() {
        DeadLetter refused = DeadLetter.refused(RECORD, RejectionReason.MALFORMED, "not json", FIRST);

        assertSame(RECORD, refused.original());
        assertEquals(RejectionReason.MALFORMED, refused.reason());
        assertEquals("not json", refused.detail());
        assertEquals(0, refused.retries());
        assertEquals(FIRST, refused.firstFailure());
        assertEquals(FIRST, refused.lastFailure());
        assertNull(refused.subject());
    }

    @Test
    void aRefusedRecordIsClaimedByReasonAndPosition() {
        assertEquals("malformed|orders/2/41",
                DeadLetter.refused(RECORD, RejectionReason.MALFORMED, null, FIRST).claimKey());
    }

    @Test
    void aNullDetailBecomesEmpty() {
        assertEquals("", new DeadLetter(RECORD, RejectionReason.DELIVERY_FAILED, null, 1, FIRST, LAST, null).detail());
        assertEquals("", DeadLetter.refused(RECORD, RejectionReason.MALFORMED, null, FIRST).detail());
    }

    @Test
    void theOriginalRecordIsRequired() {
        assertThrows(NullPointerException.class,
                () -> new DeadLetter(null, RejectionReason.MALFORMED, "", 0, FIRST, LAST, null));
    }

    @Test
    void theReasonIsRequired() {
        assertThrows(NullPointerException.class, () -> new DeadLetter(RECORD, null, "", 0, FIRST, LAST, null));
    }

    @Test
    void bothFailureInstantsAreRequired() {
        assertThrows(NullPointerException.class,
                () -> new DeadLetter(RECORD, RejectionReason.MALFORMED, "", 0, null, LAST, null));
        assertThrows(NullPointerException.class,
                () -> new DeadLetter(RECORD, RejectionReason.MALFORMED, "", 0, FIRST, null, null));
        assertThrows(NullPointerException.class, () -> DeadLetter.refused(RECORD, RejectionReason.MALFORMED, "", null));
    }
}
