package io.ces.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    private final MessageDigest digest = Fingerprint.digest();

    @Test
    void equalTextsHaveEqualFingerprintsAndDifferentOnesDiffer() {
        Set<Fingerprint> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String identity = BatchedSeenEvents.identity("/orders", "o-" + i);
            Fingerprint fingerprint = Fingerprint.of(identity, digest);
            assertEquals(fingerprint, Fingerprint.of(identity, digest));
            assertTrue(seen.add(fingerprint), identity);
        }
    }

    @Test
    void isTheMd5DigestSoEveryReplicaComputesTheSame() {
        assertEquals(new Fingerprint(0xd41d8cd98f00b204L, 0xe9800998ecf8427eL), Fingerprint.of("", digest));
        assertEquals(new Fingerprint(0x7215ee9c7d9dc229L, 0xd2921a40e899ec5fL), Fingerprint.of(" ", digest));
    }
}
