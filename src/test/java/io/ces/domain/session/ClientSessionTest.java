package io.ces.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ces.domain.delivery.CloseCode;
import io.ces.domain.delivery.FrameSink;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.room.RoomAccess;

class ClientSessionTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** A sink that completes every write at once and remembers what it was given. */
    private static final class RecordingSink implements FrameSink {
        final List<String> frames = new ArrayList<>();
        final List<CloseCode> closes = new ArrayList<>();

        @Override
        public void write(String frame, WriteCallback done) {
            frames.add(frame);
            done.written(null);
        }

        @Override

        public void ping() {

        }


        @Override
        public void close(CloseCode code) {
            closes.add(code);
        }
    }

    private static ClientSession newSession() {
        return new ClientSession("s-1", new Caller("alice", RoomAccess.everyRoom(), false), "resume-1", T0);
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
    void deliverHandsFrameToTheAttachedConnection() {
        ClientSession session = newSession();
        RecordingSink sink = new RecordingSink();
        session.attach(new OutboundQueue(sink, 4), ClientInfo.UNKNOWN, T0);

        assertTrue(session.deliver("frame-1"));
        assertEquals(List.of("frame-1"), sink.frames);
    }

    @Test
    void deliverWithoutConnectionReturnsFalse() {
        assertFalse(newSession().deliver("frame-1"));
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
        session.deliver("after");
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
        assertTrue(session.deliver("still-connected"));
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

        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> session.rooms().add("cr_1"));
    }
}
