package io.ces.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** The committed development keys: the JWKS the benchmark's server verifies with is the committed key pair's. */
class DevKeysTest {

    private static final Path KEYS = Path.of("src/test/resources/dev-keys");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theCommittedJwksIsThePublicHalfOfTheCommittedKeyWithTheTokensKeyId() throws Exception {
        TokenMinter minter = new TokenMinter(PemKeys.load(KEYS.resolve(PemKeys.PRIVATE_FILE)), "ces-dev", "ces");
        JsonObject committed = json(Files.readString(KEYS.resolve("public.jwks")));
        assertEquals(json(minter.publicJwks()), committed, "regenerate public.jwks from TokenMinter.publicJwks()");

        JsonWebSignature token = new JsonWebSignature();
        token.setCompactSerialization(minter.mint("u-1", List.of("r"), List.of("ces.user"), 60));
        assertEquals(committed.getJsonArray("keys").getJsonObject(0).getString("kid"), token.getKeyIdHeaderValue(),
                "a token names the key it was signed with, so that MP-JWT finds it cached");
    }
}
