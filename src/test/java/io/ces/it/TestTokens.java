package io.ces.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import io.ces.infrastructure.security.PemKeys;
import io.ces.infrastructure.security.TokenMinter;

/**
 * Mints the tokens of the test matrix with the committed test key (src/test/resources/dev-keys), which the test
 * server also signs its /dev/token answers with: valid ones, and each way a token can be wrong.
 */
public final class TestTokens {

    public static final String ISSUER = "ces-dev";
    public static final String AUDIENCE = "ces";

    private static final KeyPair KEYS = load();

    private TestTokens() {
    }

    public static String user(String subject, String... rooms) {
        return builder(subject).rooms(rooms).sign();
    }

    public static String admin(String subject) {
        return builder(subject).groups("ces.user", "ces.admin").sign();
    }

    public static Builder builder(String subject) {
        return new Builder(subject);
    }

    /** A token claiming alg "none": a valid token's claims under an unsigned header, no signature. */
    public static String unsigned(String subject, String... rooms) {
        String claims = user(subject, rooms).split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** Fluent description of one token. */
    public static final class Builder {
        private final String subject;
        private List<String> rooms = List.of();
        private List<String> groups = List.of("ces.user");
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private long expiresInSeconds = 3600;
        private KeyPair keys = KEYS;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder rooms(String... value) {
            rooms = List.of(value);
            return this;
        }

        public Builder groups(String... value) {
            groups = List.of(value);
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder audience(String value) {
            audience = value;
            return this;
        }

        public Builder expiresInSeconds(long value) {
            expiresInSeconds = value;
            return this;
        }

        /** Signs with a freshly generated key the server has never seen. */
        public Builder foreignKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public String sign() {
            return new TokenMinter(keys, issuer, audience).mint(subject, rooms, groups, expiresInSeconds);
        }
    }

    private static KeyPair load() {
        try {
            return PemKeys.load(Path.of(System.getProperty("ces.dev.key-dir", "src/test/resources/dev-keys"))
                    .resolve(PemKeys.PRIVATE_FILE));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
