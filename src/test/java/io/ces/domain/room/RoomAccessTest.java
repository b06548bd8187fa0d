package io.ces.domain.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoomAccessTest {

    @Test
    void permitsRoomsMatchingAnyGrantedPattern() {
        RoomAccess access = RoomAccess.of(List.of("cr_*", "dm_alice", "team-?"));

        assertTrue(access.permits("cr_1"));
        assertTrue(access.permits("cr_"));
        assertTrue(access.permits("dm_alice"));
        assertTrue(access.permits("team-a"));
    }

    @Test
    void refusesRoomsMatchingNoGrantedPattern() {
        RoomAccess access = RoomAccess.of(List.of("cr_*", "dm_alice", "team-?"));

        assertFalse(access.permits("dm_bob"));
        assertFalse(access.permits("team-ab"));
        assertFalse(access.permits("xcr_1"));
    }

    @Test
    void noGrantsPermitsNothing() {
        assertFalse(RoomAccess.of(List.of()).permits("cr_1"));
    }

    @Test
    void everyRoomPermitsAnyValidRoom() {
        RoomAccess access = RoomAccess.everyRoom();

        assertTrue(access.permits("cr_1"));
        assertTrue(access.permits("anything/at:all@x"));
        assertTrue(access.permits("r".repeat(RoomId.MAX_LENGTH)));
    }

    @Test
    void everyRoomStillRefusesInvalidRoomIds() {
        RoomAccess access = RoomAccess.everyRoom();

        assertFalse(access.permits(null));
        assertFalse(access.permits(""));
        assertFalse(access.permits("cr 1"));
        assertFalse(access.permits("r".repeat(RoomId.MAX_LENGTH + 1)));
    }

    @Test
    void starGrantNeverPermitsInvalidRoomIds() {
        RoomAccess access = RoomAccess.of(List.of("*"));

        assertTrue(access.permits("cr_1"));
        assertFalse(access.permits(""));
        assertFalse(access.permits(null));
        assertFalse(access.permits("cr\"1"));
        assertFalse(access.permits("cr*"));
    }

    @Test
    void invalidGrantGrantsNothingButValidOnesStillApply() {
        RoomAccess access = RoomAccess.of(List.of("cr 1", "", "dm_[ab]", "ok_*"));

        assertFalse(access.permits("cr"));
        assertFalse(access.permits("dm_a"));
        assertTrue(access.permits("ok_1"));
    }

    @Test
    void onlyInvalidGrantsPermitNothing() {
        RoomAccess access = RoomAccess.of(List.of("bad room", "x".repeat(RoomId.MAX_LENGTH + 1)));

        assertFalse(access.permits("bad"));
        assertFalse(access.permits("x".repeat(RoomId.MAX_LENGTH)));
    }

    @Test
    void laterChangesToTheGrantListDoNotAffectAccess() {
        List<String> granted = new java.util.ArrayList<>(List.of("cr_1"));
        RoomAccess access = RoomAccess.of(granted);
        granted.add("dm_*");

        assertFalse(access.permits("dm_1"));
    }
}
