package io.ces.domain.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit MD5 digest of a text, as two longs: how the idempotency window keeps an event identity and a record
 * position without keeping their strings. Equal texts give equal fingerprints on every replica. Two different
 * identities share a fingerprint with a probability of about n² / 2¹²⁹ for n identities in the window (10⁻²⁴ for
 * 30 million), far below any other cause of loss, and only a backend allowed to publish could try to force one.
 */
public record Fingerprint(long high, long low) {

    /** A digest for one thread: {@link MessageDigest} is not thread-safe. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** The fingerprint of {@code text}, computed with {@code digest} (from {@link #digest()}). */
    public static Fingerprint of(String text, MessageDigest digest) {
        ByteBuffer bytes = ByteBuffer.wrap(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        return new Fingerprint(bytes.getLong(0), bytes.getLong(Long.BYTES));
    }
}
