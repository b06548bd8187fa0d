package io.ces.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResumePlanTest {

    private static final CursorPosition CURSOR = new CursorPosition("ces.events", 2, 50);

    private static CursorPosition acked(long seq) {
        return new CursorPosition("ces.events", 2, seq);
    }

    @Test
    void atMostOnceContinuesAfterTheClientsPosition() {
        ResumePlan plan = ResumePlan.atMostOnce(50);
        assertEquals(new ResumePlan(50, ResumePlan.NO_REDELIVERY), plan);
        assertFalse(plan.isRedelivered(51));
    }

    @Test
    void atLeastOnceReplaysFromTheLastAckAndMarksWhatTheClientHadAsRedelivered() {
        ResumePlan plan = ResumePlan.atLeastOnce(50, CURSOR, acked(42));
        assertEquals(new ResumePlan(42, 50), plan);
        assertFalse(plan.isRedelivered(42), "acknowledged");
        assertTrue(plan.isRedelivered(43));
        assertTrue(plan.isRedelivered(50));
        assertFalse(plan.isRedelivered(51), "new to the client");
    }

    @Test
    void everythingAcknowledgedContinuesAfterTheClientsPosition() {
        assertEquals(ResumePlan.atMostOnce(50), ResumePlan.atLeastOnce(50, CURSOR, acked(50)));
    }

    @Test
    void aClientReportingLessThanItAcknowledgedGetsWhatItAsksFor() {
        assertEquals(ResumePlan.atMostOnce(30), ResumePlan.atLeastOnce(30, CURSOR, acked(42)));
    }

    @Test
    void aSessionThatNeverAckedReplaysFromItsSubscription() {
        assertEquals(new ResumePlan(10, 50), ResumePlan.atLeastOnce(50, CURSOR, acked(10)));
        assertEquals(new ResumePlan(10, 50), ResumePlan.atLeastOnce(50, CURSOR, new CursorPosition(null, -1, 10)),
                "subscribed before the partition was known: the first partition learned is the one");
    }

    @Test
    void withoutAnAckedPositionOrInAnotherPartitionNothingIsRedelivered() {
        assertEquals(ResumePlan.atMostOnce(50), ResumePlan.atLeastOnce(50, CURSOR, null));
        assertEquals(ResumePlan.atMostOnce(50),
                ResumePlan.atLeastOnce(50, CURSOR, new CursorPosition("ces.events.more", 0, 3)));
    }
}
