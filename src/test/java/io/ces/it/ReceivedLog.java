package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

/**
 * What a resuming test client received per room, across its connections: the produced index of each event in
 * arrival order, and the last seq per room (the positions it resumes from). Recording fails on a seq that does
 * not increase, so a duplicate or a reordering is caught where it happens.
 */
final class ReceivedLog {

    private final Map<String, List<Integer>> indexes = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();

    ReceivedLog(Collection<String> rooms) {
        rooms.forEach(room -> indexes.put(room, new ArrayList<>()));
    }

    /** Records a message frame of one of the rooms; other frames are ignored. */
    void record(JsonObject frame) {
        if (!"message".equals(frame.getString("type"))) {
            return;
        }
        String room = frame.getString("room");
        long seq = frame.getJsonNumber("seq").longValue();
        Long previous = positions.get(room);
        assertTrue(previous == null || seq > previous, "seq increases in " + room + ": " + previous + " then " + seq);
        positions.put(room, seq);
        indexes.get(room).add(frame.getJsonObject("event").getJsonObject("data").getInt("i"));
    }

    int total() {
        return indexes.values().stream().mapToInt(List::size).sum();
    }

    Map<String, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Every produced event arrived exactly once, and in the order produced within its room. */
    void assertCompleteAndOrdered(int expected) {
        indexes.forEach((room, received) -> {
            for (int k = 1; k < received.size(); k++) {
                assertTrue(received.get(k) > received.get(k - 1), "in order in " + room + ": " + received);
            }
        });
        assertEquals(expected, total(), "every event exactly once");
    }

    /** The resume frame of a session with positions per room. */
    static String resumeFrame(String session, String resumeToken, Map<String, Long> positions) {
        StringBuilder rooms = new StringBuilder();
        positions.forEach((room, seq) -> rooms.append(rooms.length() == 0 ? "" : ",")
                .append('"').append(room).append("\":").append(seq));
        return "{\"type\":\"resume\",\"id\":\"r1\",\"session\":\"" + session + "\",\"resumeToken\":\"" + resumeToken
                + "\",\"rooms\":{" + rooms + "}}";
    }
}
