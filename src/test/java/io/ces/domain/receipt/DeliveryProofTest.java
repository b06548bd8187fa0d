package io.ces.domain.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

import io.ces.domain.delivery.CursorPosition;
import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.Replay;

class DeliveryProofTest {

    private final DeliveryProof proof = new DeliveryProof(JsonProvider.provider());
    private final CursorPosition deliveredUpTo42 = new CursorPosition("ces.events", 3, 42);

    private static HistoryEntry event(long seq, String id) {
        return new HistoryEntry(seq, 0, "{\"specversion\":\"1.0\",\"id\":\"" + id + "\"}");
    }

    private static Replay history(boolean complete, HistoryEntry... entries) {
        return new Replay(complete, List.of(entries), "ces.events", 3);
    }

    @Test
    void aDeliveredEventInHistoryIsAcknowledgedWithItsId() {
        DeliveryProof.Verdict verdict = proof.check(deliveredUpTo42, 40, history(true, event(40, "e-40"),
                event(42, "e-42")));
        assertTrue(verdict.delivered());
        assertEquals("e-40", verdict.eventId());
    }

    @Test
    void theLastDeliveredPositionMayBeAcknowledged() {
        assertEquals("e-42", proof.check(deliveredUpTo42, 42, history(true, event(42, "e-42"))).eventId());
    }

    @Test
    void aPositionAfterTheLastDeliveredIsRefused() {
        assertFalse(proof.check(deliveredUpTo42, 43, history(true, event(43, "e-43"))).delivered());
    }

    @Test
    void aRoomTheSessionDoesNotSubscribeToIsRefused() {
        assertFalse(proof.check(null, 1, null).delivered());
    }

    @Test
    void aPositionHistoryProvesIsNoEventOfTheRoomIsRefused() {
        // offset 41 of the partition belongs to another room
        assertFalse(proof.check(deliveredUpTo42, 41, history(true, event(42, "e-42"))).delivered());
    }

    @Test
    void aPositionOlderThanHistoryIsAcknowledgedWithoutAnEventId() {
        DeliveryProof.Verdict verdict = proof.check(deliveredUpTo42, 5, history(false, event(40, "e-40")));
        assertTrue(verdict.delivered());
        assertNull(verdict.eventId());
    }

    @Test
    void historyOfAnotherPartitionDecidesNothing() {
        Replay elsewhere = new Replay(true, List.of(), "ces.events", 4);
        DeliveryProof.Verdict verdict = proof.check(deliveredUpTo42, 41, elsewhere);
        assertTrue(verdict.delivered());
        assertNull(verdict.eventId());
    }

    @Test
    void negativePositionsAreRefused() {
        assertFalse(proof.check(deliveredUpTo42, -1, history(false)).delivered());
    }
}
