package io.ces.domain.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 128 random bits, base64url without padding (22 characters). */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
