package io.ces.domain.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PresenceViewTest {

    @Test
    void listsMembersUpToTheThresholdAndOnlyCountsAbove() {
        RoomPresence presence = new RoomPresence("cr_1");
        presence.join("bob", "s1", 1, Instant.now(), Duration.ofMinutes(1));
        presence.join("alice", "s2", 1, Instant.now(), Duration.ofMinutes(1));
        assertEquals(new PresenceView("cr_1", 2, List.of("alice", "bob")), PresenceView.of("cr_1", presence, 2));
        PresenceView large = PresenceView.of("cr_1", presence, 1);
        assertEquals(2, large.count());
        assertNull(large.members());
        assertFalse(large.listed());
    }

    @Test
    void anUnknownRoomIsEmpty() {
        assertEquals(new PresenceView("cr_9", 0, List.of()), PresenceView.of("cr_9", null, 10));
    }
}
