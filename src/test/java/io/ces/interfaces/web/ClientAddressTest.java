package io.ces.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        assertEquals("10.0.0.9", ClientAddress.of("10.0.0.9", List.of("1.2.3.4"), 0));
    }

    @Test
    void behindOneProxyTheClientIsTheEntryItAppended() {
        assertEquals("203.0.113.7", ClientAddress.of("10.0.0.2", List.of("203.0.113.7"), 1));
        // the client wrote "6.6.6.6" itself; the proxy appended what it saw
        assertEquals("203.0.113.7", ClientAddress.of("10.0.0.2", List.of("6.6.6.6, 203.0.113.7"), 1));
    }

    @Test
    void behindTwoProxiesTheChainIsReadFromTheRight() {
        assertEquals("203.0.113.7", ClientAddress.of("10.0.0.3", List.of("6.6.6.6,203.0.113.7", "10.0.0.2"), 2));
    }

    @Test
    void aShortChainGivesItsLeftmostAddress() {
        assertEquals("203.0.113.7", ClientAddress.of("10.0.0.2", List.of("203.0.113.7"), 3));
        assertEquals("10.0.0.2", ClientAddress.of("10.0.0.2", List.of(), 1));
        assertEquals("10.0.0.2", ClientAddress.of("10.0.0.2", List.of(" , "), 1));
    }

    @Test
    void aLongEntryIsCut() {
        String entry = "x".repeat(500);

        assertEquals(ClientAddress.MAX_LENGTH, ClientAddress.of("10.0.0.2", List.of(entry), 1).length());
    }
}
