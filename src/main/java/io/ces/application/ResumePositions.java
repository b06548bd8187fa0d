package io.ces.application;

import java.util.Map;

/**
 * The last seq a resuming client has of each stream: per room, and of the events addressed to its session and to
 * its user. A null or absent position means "after the last event the server delivered".
 */
public record ResumePositions(Map<String, Long> rooms, Long sessionEvents, Long userEvents) {

    public ResumePositions {
        rooms = Map.copyOf(rooms);
    }
}
