package io.ces.interfaces.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    private final AllowedOrigins none = AllowedOrigins.parse("");

    @Test
    void aClientWithoutOriginIsNotABrowserAndMayConnect() {
        assertTrue(none.allows(null, "ces.example.com"));
    }

    @Test
    void theSameOriginMayConnect() {
        assertTrue(none.allows("http://localhost:9080", "localhost:9080"));
        assertTrue(none.allows("https://LOCALHOST:9443", "localhost:9443"));
        assertTrue(none.allows("https://ces.example.com", "ces.example.com"), "default port on both sides");
        assertTrue(none.allows("https://ces.example.com", "ces.example.com:443"));
    }

    @Test
    void behindATlsProxyTheOriginIsHttpsWhileTheRequestIsNot() {
        assertTrue(none.allows("https://ces.example.com", "ces.example.com"));
    }

    @Test
    void aForeignOriginIsRefused() {
        assertFalse(none.allows("https://evil.example", "ces.example.com"));
        assertFalse(none.allows("http://localhost:9081", "localhost:9080"), "another port is another origin");
        assertFalse(none.allows("null", "localhost:9080"), "sandboxed frames and file: pages");
        assertFalse(none.allows("https://ces.example.com.evil.example", "ces.example.com"));
        assertFalse(none.allows("http://localhost:9080", null));
    }

    @Test
    void listedOriginsMayConnect() {
        AllowedOrigins listed = AllowedOrigins.parse(" https://app.example.com, http://localhost:3000 ,");
        assertTrue(listed.allows("https://app.example.com", "ces.example.com"));
        assertTrue(listed.allows("https://APP.example.com:443", "ces.example.com"));
        assertTrue(listed.allows("http://localhost:3000", "ces.example.com"));
        assertFalse(listed.allows("http://app.example.com", "ces.example.com"), "the scheme of a listed origin counts");
        assertFalse(listed.allows("https://evil.example", "ces.example.com"));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertTrue(AllowedOrigins.parse("*").allows("https://evil.example", "ces.example.com"));
    }

    @Test
    void aMalformedEntryIsRefusedByName() {
        var refused = assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("app.example.com"));
        assertTrue(refused.getMessage().contains("ces.websocket.allowed-origins"));
        assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("https://app.example.com/path"));
    }

    @Test
    void originsAreNormalised() {
        assertEquals("https://app.example.com:443", AllowedOrigins.normalise("HTTPS://App.Example.com"));
        assertEquals("http://localhost:3000", AllowedOrigins.normalise("http://localhost:3000/"));
        assertNull(AllowedOrigins.normalise("ftp://example.com"));
        assertNull(AllowedOrigins.normalise("null"));
    }
}
