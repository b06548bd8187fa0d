package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** The WebSocket upgrade admits exactly the valid tokens of group ces.user, and rooms exactly as the token grants. */
class TokenMatrixIT {

    @Test
    void missingTokenIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(null));
    }

    @Test
    void expiredTokenIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(TestTokens.builder("alice").expiresInSeconds(-600).sign()));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(TestTokens.builder("alice").foreignKey().sign()));
    }

    @Test
    void tamperedTokenIsRefusedWith401() {
        String token = TestTokens.user("alice", "cr_1");
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("cr_1", "cr_*").getBytes());
        assertEquals(401, WsClient.upgradeStatus(parts[0] + "." + forgedClaims + "." + parts[2]));
    }

    @Test
    void unsignedAlgNoneTokenIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(TestTokens.unsigned("alice", "cr_*")));
    }

    @Test
    void wrongIssuerIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(TestTokens.builder("alice").issuer("someone-else").sign()));
    }

    @Test
    void wrongAudienceIsRefusedWith401() {
        assertEquals(401, WsClient.upgradeStatus(TestTokens.builder("alice").audience("another-service").sign()));
    }

    @Test
    void validTokenWithoutGroupCesUserIsRefusedWith403() {
        assertEquals(403, WsClient.upgradeStatus(TestTokens.builder("alice").groups("other.group").sign()));
    }

    @Test
    void validTokenIsUpgraded() {
        assertEquals(101, WsClient.upgradeStatus(TestTokens.user("alice")));
    }

    @Test
    void refusalsAnswerWithProblemJson() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/ws").GET());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("\"status\":401"), response.body());
    }

    @Test
    void browserStyleCookieCarriesTheSameChecks() {
        try (WsClient client = WsClient.connectWithCookie(Gateway.WS, TestTokens.user("cookie-user", "cr_*"))) {
            assertEquals("welcome", client.welcome().getString("type"));
        }
        try {
            WsClient.connectWithCookie(Gateway.WS, TestTokens.builder("cookie-user").foreignKey().sign()).close();
            throw new AssertionError("a badly signed cookie must be refused");
        } catch (java.util.concurrent.CompletionException refused) {
            assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException);
            assertEquals(401, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void forbiddenRoomGetsErrorFrameAndNoEvents() {
        String granted = Rooms.unique("cr");
        String forbidden = Rooms.unique("dm");
        try (Events events = new Events(); WsClient client = WsClient.connect(TestTokens.user("bob", "cr_*"))) {
            JsonObject refusal = client.subscribe(forbidden);
            assertEquals("error", refusal.getString("type"));
            assertEquals("forbidden", refusal.getString("code"));
            assertEquals("s-" + forbidden, refusal.getString("ref"));
            assertEquals("subscribed", client.subscribe(granted).getString("type"));

            events.send(forbidden, Events.roomEvent(Events.nextId("secret"), forbidden, "{\"secret\":true}"));
            String visible = Events.nextId("visible");
            events.send(granted, Events.roomEvent(visible, granted, "{}"));

            JsonObject message = client.messages(1, Duration.ofSeconds(20)).get(0);
            assertEquals(visible, message.getJsonObject("event").getString("id"));
            assertTrue(client.drain(Duration.ofSeconds(2)).isEmpty(), "nothing from the forbidden room");
        }
    }

    @Test
    void adminMayJoinAnyRoom() {
        try (WsClient admin = WsClient.connect(TestTokens.admin("root"))) {
            assertEquals("subscribed", admin.subscribe(Rooms.unique("any")).getString("type"));
        }
    }
}
