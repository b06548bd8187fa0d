package io.ces.domain.event;

import java.io.Serializable;

/**
 * One bucket of the idempotency window: for every event identity first seen within the window, the position of the
 * record that carried it, forgotten once the window has passed since.
 *
 * <p>The shared store keeps the window as a few of these, one per bucket of identities, so that a batch of checks is
 * a few lookups on the bucket's owner instead of an entry of the store per identity: the store's own per-entry
 * bookkeeping (a record, an expiry entry, the key's hash over its serialized form) cost about 10 µs of CPU per check.
 *
 * <p>Identities and positions come as {@link Fingerprint}s and are kept in primitive arrays, not as objects: a ring
 * in the order first seen, so that the forgotten ones are always at its head, and an open-addressing index over the
 * ring. That is about 50 bytes per identity instead of 208 with a map of strings, and it gives the garbage collector
 * nothing to trace or copy: with a map, every identity was a handful of objects that survived young collections for
 * the length of the window. Not thread-safe: the store runs every claim of a bucket on that bucket's one thread.
 */
public final class SeenEventWindow implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final int MIN_CAPACITY = 1024;
    private static final int EMPTY = 0;

    // the ring, first seen first: entry i (0 = the oldest) is at (head + i) & (capacity - 1)
    private long[] identityHigh;
    private long[] identityLow;
    private long[] firstPositions;
    private long[] seenAtMillis;
    private int head;
    private int size;
    /** Twice the ring's capacity, so at most half full; a slot holds a ring index + 1, or {@link #EMPTY}. */
    private int[] index;
    /**
     * The latest time any claim brought: replicas' clocks may differ a little, and a claim's time is never earlier
     * than one before it, so that the order first seen stays the order of time.
     */
    private long latestMillis = Long.MIN_VALUE;

    public SeenEventWindow() {
        allocate(MIN_CAPACITY);
    }

    /**
     * Whether the record at {@code position} is the first to carry the identity within the window ending at
     * {@code nowMillis}: the first record of the identity (which the window then remembers), or that same record
     * read again. False for another record of an identity the window remembers.
     */
    public boolean claim(long high, long low, long position, long nowMillis, long windowMillis) {
        latestMillis = Math.max(latestMillis, nowMillis);
        forgetSeenBefore(latestMillis - windowMillis);
        int slot = slotOf(high, low);
        if (index[slot] != EMPTY) {
            return firstPositions[index[slot] - 1] == position;
        }
        if (size == identityHigh.length) {
            resize(identityHigh.length * 2);
            slot = slotOf(high, low);
        }
        int entry = (head + size) & (identityHigh.length - 1);
        identityHigh[entry] = high;
        identityLow[entry] = low;
        firstPositions[entry] = position;
        seenAtMillis[entry] = latestMillis;
        index[slot] = entry + 1;
        size++;
        return true;
    }

    /** How many identities the window remembers. */
    public int size() {
        return size;
    }

    /** The identity's slot in the index, or the empty slot where it belongs. */
    private int slotOf(long high, long low) {
        int mask = index.length - 1;
        // fingerprints are digests, so their bits are already evenly spread
        for (int slot = (int) low & mask; ; slot = (slot + 1) & mask) {
            int entry = index[slot] - 1;
            if (entry < 0 || identityLow[entry] == low && identityHigh[entry] == high) {
                return slot;
            }
        }
    }

    private void forgetSeenBefore(long cutoffMillis) {
        int mask = identityHigh.length - 1;
        while (size > 0 && seenAtMillis[head] <= cutoffMillis) {
            removeFromIndex(slotOf(identityHigh[head], identityLow[head]));
            head = (head + 1) & mask;
            size--;
        }
        if (identityHigh.length > MIN_CAPACITY && size < identityHigh.length / 4) {
            resize(identityHigh.length / 2); // after a burst, give the memory back
        }
    }

    /**
     * Empties a slot of the index and moves later entries of its probe run back into the gap, so that every lookup
     * still finds its identity before an empty slot (linear probing's deletion, without tombstones).
     */
    private void removeFromIndex(int slot) {
        int mask = index.length - 1;
        int gap = slot;
        for (int next = (gap + 1) & mask; index[next] != EMPTY; next = (next + 1) & mask) {
            int home = (int) identityLow[index[next] - 1] & mask;
            // the entry at next may fill the gap unless its home lies cyclically in (gap, next]
            boolean homeAfterGap = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!homeAfterGap) {
                index[gap] = index[next];
                gap = next;
            }
        }
        index[gap] = EMPTY;
    }

    /** Copies the ring, oldest first, into arrays of {@code capacity} and indexes it again. */
    private void resize(int capacity) {
        long[] oldHigh = identityHigh;
        long[] oldLow = identityLow;
        long[] oldPositions = firstPositions;
        long[] oldSeenAt = seenAtMillis;
        int oldMask = oldHigh.length - 1;
        allocate(capacity);
        for (int i = 0; i < size; i++) {
            int from = (head + i) & oldMask;
            identityHigh[i] = oldHigh[from];
            identityLow[i] = oldLow[from];
            firstPositions[i] = oldPositions[from];
            seenAtMillis[i] = oldSeenAt[from];
            index[slotOf(identityHigh[i], identityLow[i])] = i + 1;
        }
        head = 0;
    }

    private void allocate(int capacity) {
        identityHigh = new long[capacity];
        identityLow = new long[capacity];
        firstPositions = new long[capacity];
        seenAtMillis = new long[capacity];
        index = new int[capacity * 2];
    }
}
