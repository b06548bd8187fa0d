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
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.RecordingSink;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.room.RoomAccess;

class SessionRegistryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final SessionRegistry registry = new SessionRegistry();

    private static ClientSession session(String id, String user, Instant createdAt) {
        return new ClientSession(id, new Caller(user, RoomAccess.everyRoom(), false), "resume-" + id, createdAt);
    }

    private static ClientSession session(String id, String user) {
        return session(id, user, T0);
    }

    @Test
    void findsAddedSessionById() {
        ClientSession session = session("s-1", "alice");
        registry.add(session);

        assertSame(session, registry.find("s-1"));
        assertEquals(1, registry.sessionCount());
    }

    @Test
    void findOfUnknownOrNullIdReturnsNull() {
        assertNull(registry.find("nope"));
        assertNull(registry.find(null));
    }

    @Test
    void addingDuplicateIdFails() {
        registry.add(session("s-1", "alice"));

        assertThrows(IllegalStateException.class, () -> registry.add(session("s-1", "bob")));
        assertEquals(Set.of(), Set.copyOf(registry.sessionsOf("bob")));
    }

    @Test
    void removeReturnsTheSessionOnceAndForgetsIt() {
        ClientSession session = session("s-1", "alice");
        registry.add(session);

        assertSame(session, registry.remove("s-1"));
        assertNull(registry.remove("s-1"));
        assertNull(registry.find("s-1"));
        assertEquals(0, registry.sessionCount());
        assertTrue(registry.sessionsOf("alice").isEmpty());
    }

    @Test
    void subscribeAddsSessionToTheRoomsSubscribers() {
        ClientSession one = session("s-1", "alice");
        ClientSession two = session("s-2", "bob");
        registry.add(one);
        registry.add(two);

        assertTrue(registry.subscribe(one, "cr_1"));
        assertTrue(registry.subscribe(two, "cr_1"));
        assertTrue(registry.subscribe(two, "cr_2"));

        assertEquals(Set.of(one, two), Set.copyOf(registry.subscribersOf("cr_1")));
        assertEquals(Set.of(two), Set.copyOf(registry.subscribersOf("cr_2")));
        assertEquals(Set.of("cr_1", "cr_2"), two.rooms());
        assertEquals(2, registry.roomCount());
    }

    @Test
    void subscribingTwiceReturnsFalseAndKeepsOneSubscription() {
        ClientSession one = session("s-1", "alice");
        registry.add(one);
        registry.subscribe(one, "cr_1");

        assertFalse(registry.subscribe(one, "cr_1"));
        assertEquals(1, registry.subscribersOf("cr_1").size());
    }

    @Test
    void unsubscribeRemovesOnlyThatSubscription() {
        ClientSession one = session("s-1", "alice");
        ClientSession two = session("s-2", "bob");
        registry.add(one);
        registry.add(two);
        registry.subscribe(one, "cr_1");
        registry.subscribe(two, "cr_1");
        registry.subscribe(one, "cr_2");

        assertTrue(registry.unsubscribe(one, "cr_1"));

        assertEquals(Set.of(two), Set.copyOf(registry.subscribersOf("cr_1")));
        assertEquals(Set.of(one), Set.copyOf(registry.subscribersOf("cr_2")));
        assertEquals(Set.of("cr_2"), one.rooms());
    }

    @Test
    void unsubscribeWhenNotSubscribedReturnsFalse() {
        ClientSession one = session("s-1", "alice");
        registry.add(one);

        assertFalse(registry.unsubscribe(one, "cr_1"));
    }

    @Test
    void lastUnsubscribeForgetsTheRoom() {
        ClientSession one = session("s-1", "alice");
        registry.add(one);
        registry.subscribe(one, "cr_1");

        registry.unsubscribe(one, "cr_1");

        assertTrue(registry.subscribersOf("cr_1").isEmpty());
        assertEquals(0, registry.roomCount());
    }

    @Test
    void roomWithoutSubscribersHasNone() {
        assertTrue(registry.subscribersOf("cr_1").isEmpty());
    }

    @Test
    void removingSessionDropsAllItsSubscriptions() {
        ClientSession one = session("s-1", "alice");
        ClientSession two = session("s-2", "bob");
        registry.add(one);
        registry.add(two);
        registry.subscribe(one, "cr_1");
        registry.subscribe(one, "cr_2");
        registry.subscribe(two, "cr_2");

        registry.remove("s-1");

        assertTrue(registry.subscribersOf("cr_1").isEmpty());
        assertEquals(Set.of(two), Set.copyOf(registry.subscribersOf("cr_2")));
        assertEquals(1, registry.roomCount());
    }

    @Test
    void sessionsOfUserListsAllAndOnlyThatUsersSessions() {
        ClientSession a1 = session("s-1", "alice");
        ClientSession a2 = session("s-2", "alice");
        ClientSession b1 = session("s-3", "bob");
        registry.add(a1);
        registry.add(a2);
        registry.add(b1);

        assertEquals(Set.of(a1, a2), Set.copyOf(registry.sessionsOf("alice")));
        assertEquals(Set.of(b1), Set.copyOf(registry.sessionsOf("bob")));
        assertTrue(registry.sessionsOf("carol").isEmpty());

        registry.remove("s-1");
        assertEquals(Set.of(a2), Set.copyOf(registry.sessionsOf("alice")));
    }

    @Test
    void removeExpiredRemovesUnconnectedSessionsOnceGraceHasPassed() {
        ClientSession old = session("s-old", "alice", T0);
        ClientSession young = session("s-young", "alice", T0.plusSeconds(10));
        registry.add(old);
        registry.add(young);
        registry.subscribe(old, "cr_1");

        assertEquals(List.of(), registry.removeExpired(T0.plus(GRACE).minusMillis(1), GRACE));

        assertEquals(List.of(old), registry.removeExpired(T0.plus(GRACE), GRACE));
        assertNull(registry.find("s-old"));
        assertSame(young, registry.find("s-young"));
        assertTrue(registry.subscribersOf("cr_1").isEmpty());
        assertEquals(Set.of(young), Set.copyOf(registry.sessionsOf("alice")));

        assertEquals(List.of(young), registry.removeExpired(T0.plusSeconds(10).plus(GRACE), GRACE));
        assertEquals(0, registry.sessionCount());
    }

    @Test
    void removeExpiredNeverRemovesConnectedSession() {
        ClientSession connected = session("s-1", "alice", T0);
        registry.add(connected);
        connected.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0.plusSeconds(1));

        assertEquals(List.of(), registry.removeExpired(T0.plus(Duration.ofDays(30)), GRACE));
        assertSame(connected, registry.find("s-1"));
        assertEquals(1, registry.connectedCount());
    }

    @Test
    void removeExpiredCountsGraceFromTheLastDetach() {
        ClientSession session = session("s-1", "alice", T0);
        registry.add(session);
        OutboundQueue queue = new OutboundQueue(new RecordingSink(), 4);
        session.attach(queue, ClientInfo.UNKNOWN, T0.plusSeconds(1));
        Instant detachedAt = T0.plusSeconds(600);
        session.detach(queue, detachedAt);

        assertEquals(List.of(), registry.removeExpired(detachedAt.plus(GRACE).minusMillis(1), GRACE));
        assertEquals(List.of(session), registry.removeExpired(detachedAt.plus(GRACE), GRACE));
    }

    @Test
    void connectedCountCountsOnlySessionsWithAConnection() {
        ClientSession one = session("s-1", "alice");
        ClientSession two = session("s-2", "bob");
        registry.add(one);
        registry.add(two);
        one.attach(new OutboundQueue(new RecordingSink(), 4), ClientInfo.UNKNOWN, T0);

        assertEquals(1, registry.connectedCount());
        assertEquals(2, registry.sessionCount());
    }

    @Test
    void plainSubscribeStartsALiveRoomCursorBeforeTheFirstOffset() {
        ClientSession one = session("s-1", "alice");
        registry.add(one);

        registry.subscribe(one, "cr_1");

        assertEquals(-1, one.roomCursor("cr_1").lastDelivered());
        assertFalse(one.roomCursor("cr_1").isRecovering());
    }

    @Test
    void subscribeWithACursorUsesThatCursorAndASecondSubscribeKeepsIt() {
        ClientSession one = session("s-1", "alice");
        registry.add(one);
        StreamCursor recovering = StreamCursor.recovering(41, 100);

        assertTrue(registry.subscribe(one, "cr_1", recovering));
        assertFalse(registry.subscribe(one, "cr_1", new StreamCursor(-1)));

        assertSame(recovering, one.roomCursor("cr_1"));
        assertEquals(Set.of(one), Set.copyOf(registry.subscribersOf("cr_1")));
    }
}
