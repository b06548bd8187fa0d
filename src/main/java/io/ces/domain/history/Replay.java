package io.ces.domain.history;

import java.util.List;

/**
 * The answer of {@link EventHistory#since}: the events after a position, and whether they are all of them.
 *
 * @param complete  true when history proves that {@code entries} are every event of the stream after the position
 * @param entries   the recorded events after the position, in order (possibly only part of them when incomplete)
 * @param topic     where the stream's events come from, when known (null otherwise)
 * @param partition the partition in {@code topic}, or -1
 */
public record Replay(boolean complete, List<HistoryEntry> entries, String topic, int partition) {

    public static Replay unknown() {
        return new Replay(false, List.of(), null, -1);
    }
}
