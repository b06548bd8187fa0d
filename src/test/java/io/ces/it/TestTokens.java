package io.ces.it;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.ces.infrastructure.security.PemKeys;

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

    /** A token claiming alg "none": header and claims, no signature. */
    public static String unsigned(String subject, String... rooms) {
        JsonWebSignature jws = builder(subject).rooms(rooms).jws();
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKey(null);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
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

        JsonWebSignature jws() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(subject);
            claims.setClaim("upn", subject);
            claims.setStringListClaim("groups", groups);
            claims.setStringListClaim("rooms", rooms);
            claims.setGeneratedJwtId();
            NumericDate issuedAt = NumericDate.now();
            if (expiresInSeconds < 0) {
                issuedAt.addSeconds(expiresInSeconds - 3600);
            }
            claims.setIssuedAt(issuedAt);
            NumericDate expiry = NumericDate.now();
            expiry.addSeconds(expiresInSeconds);
            claims.setExpirationTime(expiry);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(keys.getPrivate());
            jws.setHeader("typ", "JWT");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws;
        }

        public String sign() {
            try {
                return jws().getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
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
