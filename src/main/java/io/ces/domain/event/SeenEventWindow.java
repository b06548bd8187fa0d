package io.ces.domain.event;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * One bucket of the idempotency window: for every event identity first seen within the window, the position of the
 * record that carried it, forgotten once the window has passed since.
 *
 * <p>The shared store keeps the window as a few of these, one per bucket of identities, so that a batch of checks is
 * a few lookups in a plain map on the bucket's owner instead of an entry of the store per identity: the store's own
 * per-entry bookkeeping (a record, an expiry entry, the key's hash over its serialized form) cost about 10 µs of CPU per check.
 * Not thread-safe: the store runs every claim of a bucket on that bucket's one thread.
 */
public final class SeenEventWindow implements Serializable {

    private static final long serialVersionUID = 1L;

    /** When an identity was first seen, and where. */
    private record FirstSeen(String position, long atMillis) implements Serializable {
    }

    /** In the order first seen, so that the forgotten ones are always at the head. */
    private final LinkedHashMap<String, FirstSeen> firsts = new LinkedHashMap<>();
    /**
     * The latest time any claim brought: replicas' clocks may differ a little, and a claim's time is never earlier
     * than one before it, so that the order first seen stays the order of time.
     */
    private long latestMillis = Long.MIN_VALUE;

    /**
     * The position of the first record that carried {@code identity} within the window ending at {@code nowMillis};
     * if none did, records and answers {@code position}.
     */
    public String claim(String identity, String position, long nowMillis, long windowMillis) {
        latestMillis = Math.max(latestMillis, nowMillis);
        forgetSeenBefore(latestMillis - windowMillis);
        FirstSeen first = firsts.get(identity);
        if (first != null) {
            return first.position();
        }
        firsts.put(identity, new FirstSeen(position, latestMillis));
        return position;
    }

    private void forgetSeenBefore(long cutoffMillis) {
        for (Iterator<FirstSeen> oldestFirst = firsts.values().iterator(); oldestFirst.hasNext(); ) {
            if (oldestFirst.next().atMillis() > cutoffMillis) {
                return;
            }
            oldestFirst.remove();
        }
    }

    /** How many identities the window remembers. */
    public int size() {
        return firsts.size();
    }
}
