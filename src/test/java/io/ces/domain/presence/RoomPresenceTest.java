package io.ces.domain.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RoomPresenceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(90);

    private final RoomPresence room = new RoomPresence("cr_1");

    @Test
    void onlyTheFirstSessionOfAUserJoinsAndOnlyTheLastLeaves() {
        assertEquals(List.of(PresenceSignal.Kind.JOINED), kinds(room.join("alice", "s1", 1, NOW, LEASE)));
        assertEquals(List.of(), room.join("alice", "s2", 1, NOW, LEASE));
        assertEquals(List.of(), room.join("alice", "s3", 1, NOW, LEASE));
        assertEquals(1, room.memberCount());
        assertEquals(3, room.sessionCount("alice"));

        assertEquals(List.of(), room.leave("alice", "s1", 1, NOW));
        assertEquals(List.of(), room.leave("alice", "s3", 1, NOW));
        List<PresenceSignal> last = room.leave("alice", "s2", 1, NOW);
        assertEquals(List.of(PresenceSignal.Kind.LEFT), kinds(last));
        assertEquals("alice", last.get(0).user());
        assertEquals("cr_1", last.get(0).room());
        assertTrue(room.isEmpty());
    }

    @Test
    void rejoiningOrLeavingTwiceChangesNothing() {
        room.join("alice", "s1", 1, NOW, LEASE);
        assertEquals(List.of(), room.join("alice", "s1", 1, NOW, LEASE));
        assertEquals(1, kinds(room.leave("alice", "s1", 1, NOW)).size());
        assertEquals(List.of(), room.leave("alice", "s1", 1, NOW));
        assertEquals(List.of(), room.leave("bob", "s9", 1, NOW));
    }

    @Test
    void aLateLeaveOfAnOlderConnectionDoesNotRemoveTheSessionThatMovedOn() {
        room.join("alice", "s1", 1, NOW, LEASE);
        // resumed on another replica: a newer epoch
        room.join("alice", "s1", 2, NOW, LEASE);
        assertEquals(List.of(), room.leave("alice", "s1", 1, NOW));
        assertEquals(List.of("alice"), room.members());
        assertEquals(1, room.leave("alice", "s1", 2, NOW).size());
    }

    @Test
    void expiredLeasesArePrunedAndTheirUsersLeave() {
        room.join("alice", "s1", 1, NOW, LEASE);
        room.join("bob", "s2", 1, NOW, LEASE);
        room.join("bob", "s3", 1, NOW.plusSeconds(60), LEASE);
        Instant later = NOW.plusSeconds(100);
        assertTrue(room.hasExpired(later));
        List<PresenceSignal> left = room.prune(later);
        assertEquals(1, left.size());
        assertEquals("alice", left.get(0).user());
        assertEquals(PresenceSignal.Kind.LEFT, left.get(0).kind());
        assertEquals(List.of("bob"), room.members());
        assertEquals(1, room.sessionCount("bob"));
        assertFalse(room.hasExpired(later));
    }

    @Test
    void membersAreSorted() {
        room.join("carol", "s1", 1, NOW, LEASE);
        room.join("alice", "s2", 1, NOW, LEASE);
        assertEquals(List.of("alice", "carol"), room.members());
    }

    private static List<PresenceSignal.Kind> kinds(List<PresenceSignal> signals) {
        return signals.stream().map(PresenceSignal::kind).toList();
    }
}
