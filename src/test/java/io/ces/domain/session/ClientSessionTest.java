package io.ces.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.RecordingSink;
import io.ces.domain.event.Target;
import io.ces.domain.room.RoomAccess;

class ClientSessionTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static ClientSession newSession() {
        return new ClientSession("s-1", new Caller("alice", RoomAccess.everyRoom(), false), "resume-1", T0);
    }

    private final SessionRegistry registry = new SessionRegistry();

    /** Subscribes through the registry, the only way rooms are joined. */
    private void subscribe(ClientSession session, String room) {
        if (registry.find(session.id()) == null) {
            registry.add(session);
        }
        assertTrue(registry.subscribe(session, room));
    }

    @Test
    void exposesWhatItWasCreatedWith() {
        Caller owner = new Caller("alice", RoomAccess.everyRoom(), false);
        ClientSession session = new ClientSession("s-1", owner, "resume-1", T0);

        assertEquals("s-1", session.id());
        assertSame(owner, session.owner());
        assertEquals("resume-1", session.resumeToken());
        assertEquals(T0, session.createdAt());
        assertTrue(session.rooms().isEmpty());
        assertFalse(session.isConnected());
    }

    @Test
    void aConnectedClientMissesHeartbeatsOnlyByLeavingPingsUnanswered() {
        ClientSession session = newSession();
        session.pinged();
        session.pinged();
        assertFalse(session.missedHeartbeats(2), "no connection, nothing to miss");

        session.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0);
        session.pinged();
        assertFalse(session.missedHeartbeats(2), "one ping unanswered of two allowed");
        session.pinged();
        assertTrue(session.missedHeartbeats(2));

        session.touch(T0.plusSeconds(3600));
        assertFalse(session.missedHeartbeats(1), "a pong answers, however late the heartbeat comes");
        session.pinged();
        session.markActive(T0.plusSeconds(3601));
        assertFalse(session.missedHeartbeats(1), "a frame of the client's own answers too");
    }

    @Test
    void aNewConnectionStartsWithNoUnansweredPing() {
        ClientSession session = newSession();
        session.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0);
        session.pinged();
        session.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0.plusSeconds(1));
        assertFalse(session.missedHeartbeats(1));
    }

    @Test
    void unconnectedSessionExpiresGraceAfterCreation() {
        ClientSession session = newSession();

        assertEquals(T0.plus(GRACE), session.expiresAt(GRACE));
        assertFalse(session.isExpired(T0.plus(GRACE).minusMillis(1), GRACE));
        assertTrue(session.isExpired(T0.plus(GRACE), GRACE));
    }

    @Test
    void connectedSessionNeverExpires() {
        ClientSession session = newSession();
        session.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0.plusSeconds(1));

        assertTrue(session.isConnected());
        assertEquals(T0.plusSeconds(1), session.connectedAt());
        assertNull(session.expiresAt(GRACE));
        assertFalse(session.isExpired(T0.plus(Duration.ofDays(365)), GRACE));
    }

    @Test
    void detachedSessionExpiresGraceAfterDetach() {
        ClientSession session = newSession();
        OutboundQueue queue = new OutboundQueue(new RecordingSink(), 4);
        session.attach(queue, ClientInfo.UNKNOWN, T0.plusSeconds(1));

        assertTrue(session.detach(queue, T0.plusSeconds(100)));

        assertFalse(session.isConnected());
        assertEquals(T0.plusSeconds(100).plus(GRACE), session.expiresAt(GRACE));
    }

    @Test
    void roomEventOfASubscribedRoomReachesTheAttachedConnection() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 4), ClientInfo.UNKNOWN, T0);
        subscribe(session, "cr_1");

        assertTrue(session.deliverRoomEvent("cr_1", "ces.events", 0, 5, "frame-5"));

        assertEquals(List.of("frame-5"), sink.frames);
        assertEquals(5, session.roomCursor("cr_1").lastDelivered());
    }

    @Test
    void roomEventOfAnotherRoomIsNotDelivered() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 4), ClientInfo.UNKNOWN, T0);
        subscribe(session, "cr_1");

        assertFalse(session.deliverRoomEvent("cr_2", "ces.events", 0, 5, "frame-5"));

        assertTrue(sink.frames.isEmpty());
        assertNull(session.roomCursor("cr_2"));
    }

    @Test
    void roomEventAtOrBelowTheLastDeliveredSeqIsNotDeliveredAgain() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 8), ClientInfo.UNKNOWN, T0);
        subscribe(session, "cr_1");

        assertTrue(session.deliverRoomEvent("cr_1", "ces.events", 0, 5, "frame-5"));
        assertFalse(session.deliverRoomEvent("cr_1", "ces.events", 0, 5, "frame-5-again"));
        assertFalse(session.deliverRoomEvent("cr_1", "ces.events", 0, 3, "frame-3"));
        assertTrue(session.deliverRoomEvent("cr_1", "ces.events", 0, 6, "frame-6"));

        assertEquals(List.of("frame-5", "frame-6"), sink.frames);
    }

    @Test
    void eachRoomHasItsOwnPosition() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 8), ClientInfo.UNKNOWN, T0);
        subscribe(session, "cr_1");
        subscribe(session, "cr_2");

        assertTrue(session.deliverRoomEvent("cr_1", "ces.events", 0, 9, "a-9"));
        assertTrue(session.deliverRoomEvent("cr_2", "ces.events", 0, 2, "b-2"));

        assertEquals(List.of("a-9", "b-2"), sink.frames);
        assertEquals(9, session.roomCursor("cr_1").lastDelivered());
        assertEquals(2, session.roomCursor("cr_2").lastDelivered());
    }

    @Test
    void roomEventWithoutConnectionIsNotDeliveredAndDoesNotMoveThePosition() {
        ClientSession session = newSession();
        subscribe(session, "cr_1");

        assertFalse(session.deliverRoomEvent("cr_1", "ces.events", 0, 5, "frame-5"));
        assertEquals(-1, session.roomCursor("cr_1").lastDelivered());
    }

    @Test
    void targetedEventReachesTheAttachedConnection() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 4), ClientInfo.UNKNOWN, T0);

        assertTrue(session.deliverTargetedEvent(Target.Kind.SESSION, "ces.events", 0, 4, "session-4"));
        assertTrue(session.deliverTargetedEvent(Target.Kind.USER, "ces.events", 0, 2, "user-2"));

        assertEquals(List.of("session-4", "user-2"), sink.frames);
        assertEquals(4, session.targetCursor(Target.Kind.SESSION).lastDelivered());
        assertEquals(2, session.targetCursor(Target.Kind.USER).lastDelivered());
    }

    @Test
    void sessionAndUserEventsHaveSeparatePositions() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 8), ClientInfo.UNKNOWN, T0);

        assertTrue(session.deliverTargetedEvent(Target.Kind.SESSION, "ces.events", 0, 10, "session-10"));
        assertTrue(session.deliverTargetedEvent(Target.Kind.USER, "ces.events", 0, 3, "user-3"));
        assertFalse(session.deliverTargetedEvent(Target.Kind.SESSION, "ces.events", 0, 10, "session-10-again"));
        assertFalse(session.deliverTargetedEvent(Target.Kind.USER, "ces.events", 0, 3, "user-3-again"));

        assertEquals(List.of("session-10", "user-3"), sink.frames);
    }

    @Test
    void targetedEventWithoutConnectionReturnsFalse() {
        ClientSession session = newSession();

        assertFalse(session.deliverTargetedEvent(Target.Kind.SESSION, "ces.events", 0, 1, "frame-1"));
        assertFalse(session.deliverTargetedEvent(Target.Kind.USER, "ces.events", 0, 1, "frame-1"));
        assertEquals(-1, session.targetCursor(Target.Kind.SESSION).lastDelivered());
    }

    @Test
    void roomsHaveNoTargetCursor() {
        assertThrows(IllegalArgumentException.class, () -> newSession().targetCursor(Target.Kind.ROOM));
    }

    @Test
    void attachingSecondQueueClosesTheFirstAsTakenOver() {
        ClientSession session = newSession();
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        OutboundQueue firstQueue = new OutboundQueue(first, 4);
        session.attach(firstQueue, ClientInfo.UNKNOWN, T0);

        session.attach(new OutboundQueue(second, 4), ClientInfo.UNKNOWN, T0.plusSeconds(5));

        assertEquals(List.of(CloseCode.SESSION_TAKEN_OVER), first.closes);
        assertTrue(firstQueue.isClosed());
        assertTrue(second.closes.isEmpty());
        assertEquals(T0.plusSeconds(5), session.connectedAt());
        assertTrue(session.deliverTargetedEvent(Target.Kind.SESSION, "ces.events", 0, 1, "after"));
        assertEquals(List.of("after"), second.frames);
        assertTrue(first.frames.isEmpty());
    }

    @Test
    void reattachingTheSameQueueDoesNotCloseIt() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        OutboundQueue queue = new OutboundQueue(sink, 4);
        session.attach(queue, ClientInfo.UNKNOWN, T0);

        session.attach(queue, ClientInfo.UNKNOWN, T0.plusSeconds(1));

        assertTrue(sink.closes.isEmpty());
        assertTrue(session.isConnected());
    }

    @Test
    void detachOfStaleQueueIsIgnored() {
        ClientSession session = newSession();
        OutboundQueue stale = new OutboundQueue(new RecordingSink(), 4);
        RecordingSink current = new RecordingSink();
        session.attach(stale, ClientInfo.UNKNOWN, T0);
        session.attach(new OutboundQueue(current, 4), ClientInfo.UNKNOWN, T0.plusSeconds(1));

        assertFalse(session.detach(stale, T0.plusSeconds(2)));

        assertTrue(session.isConnected());
        assertNull(session.expiresAt(GRACE));
        assertTrue(session.deliverTargetedEvent(Target.Kind.USER, "ces.events", 0, 1, "still-connected"));
        assertEquals(List.of("still-connected"), current.frames);
    }

    @Test
    void detachWhenNothingIsAttachedIsIgnored() {
        ClientSession session = newSession();

        assertFalse(session.detach(new OutboundQueue(new RecordingSink(), 4), T0.plusSeconds(9)));
        assertEquals(T0.plus(GRACE), session.expiresAt(GRACE));
    }

    @Test
    void disconnectClosesTheConnectionWithTheGivenCodeAndStartsTheGracePeriod() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 4), ClientInfo.UNKNOWN, T0);

        session.disconnect(CloseCode.SESSION_CLOSED, T0.plusSeconds(10));

        assertEquals(List.of(CloseCode.SESSION_CLOSED), sink.closes);
        assertFalse(session.isConnected());
        assertEquals(T0.plusSeconds(10).plus(GRACE), session.expiresAt(GRACE));
    }

    @Test
    void roomsViewIsReadOnly() {
        ClientSession session = newSession();

        assertThrows(UnsupportedOperationException.class,
                () -> session.rooms().add("cr_1"));
    }
}
