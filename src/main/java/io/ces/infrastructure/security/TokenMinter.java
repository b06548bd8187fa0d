package io.ces.infrastructure.security;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Mints RS256 MP-JWTs with a local key pair, for the demo's /dev/token and the token command. */
public final class TokenMinter {

    private final KeyPair keys;
    private final String keyId;
    private final String issuer;
    private final String audience;

    public TokenMinter(KeyPair keys, String issuer, String audience) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.keyId = publicJwk().calculateBase64urlEncodedThumbprint("SHA-256");
    }

    public String mint(String subject, List<String> rooms, List<String> groups, long ttlSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", groups);
        claims.setStringListClaim(Callers.ROOMS_CLAIM, rooms);
        claims.setGeneratedJwtId();
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(ttlSeconds);
        claims.setExpirationTime(expiry);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign token", e);
        }
    }

    /** The public key as a JSON Web Key Set, the form MP-JWT fetches from {@code mp.jwt.verify.publickey.location}. */
    public String publicJwks() {
        return new JsonWebKeySet(publicJwk()).toJson(OutputControlLevel.PUBLIC_ONLY);
    }

    private RsaJsonWebKey publicJwk() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        if (keyId != null) {
            jwk.setKeyId(keyId);
        }
        return jwk;
    }
}
