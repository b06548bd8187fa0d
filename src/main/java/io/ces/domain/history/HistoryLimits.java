package io.ces.domain.history;

import java.time.Duration;

/**
 * How much history is kept: per stream at most {@code maxEvents} events and {@code maxBytes} of event JSON, none
 * older than {@code maxAge}; at most {@code maxStreams} streams, the least recently written dropped first; and in
 * all at most {@code maxTotalBytes} of heap, as {@link HistoryEntry#heapBytes()} estimates it, the oldest events of
 * the least recently written streams evicted first. The per-stream limits alone let busy streams together outgrow
 * any heap.
 */
public record HistoryLimits(int maxEvents, long maxBytes, Duration maxAge, int maxStreams, long maxTotalBytes) {

    public HistoryLimits {
        if (maxEvents < 1 || maxBytes < 1 || maxAge.isNegative() || maxAge.isZero() || maxStreams < 1
                || maxTotalBytes < 1) {
            throw new IllegalArgumentException("history limits must be positive");
        }
    }
}
