package io.ces.infrastructure.cache;

import java.io.Serializable;
import java.util.Arrays;

import io.ces.domain.event.Fingerprint;

/**
 * The claims of one batch that fall in one bucket of the idempotency window, as the entry processor carries them to
 * the bucket's owner: the fingerprints of identities and positions in primitive arrays (24 bytes a claim), not the
 * strings. The identities themselves stay with the sender, which is told the repeats by their number here.
 */
final class BucketClaims implements Serializable {

    private static final long serialVersionUID = 1L;

    private long[] identityHigh = new long[8];
    private long[] identityLow = new long[8];
    private long[] positions = new long[8];
    private int count;
    /** The sender's identities, by number; not sent. */
    private transient String[] identities = new String[8];

    void add(String identity, Fingerprint fingerprint, long position) {
        if (count == positions.length) {
            int capacity = count * 2;
            identityHigh = Arrays.copyOf(identityHigh, capacity);
            identityLow = Arrays.copyOf(identityLow, capacity);
            positions = Arrays.copyOf(positions, capacity);
            identities = Arrays.copyOf(identities, capacity);
        }
        identityHigh[count] = fingerprint.high();
        identityLow[count] = fingerprint.low();
        positions[count] = position;
        identities[count] = identity;
        count++;
    }

    int count() {
        return count;
    }

    long identityHigh(int claim) {
        return identityHigh[claim];
    }

    long identityLow(int claim) {
        return identityLow[claim];
    }

    long position(int claim) {
        return positions[claim];
    }

    /** The identity of claim number {@code claim}, on the member that made the claims. */
    String identity(int claim) {
        return identities[claim];
    }
}
