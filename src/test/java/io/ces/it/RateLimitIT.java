package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Rate limits against both replicas, with the test build's settings (pom.xml): 60 registrations and 200 WebSocket
 * upgrades per client address, each refilled only every 600 s, and 100 frames per session (refilled every 10 s)
 * followed by 10 answered with an error. The address budgets are exhausted from addresses of their own
 * (127.0.0.2 and up), so that the rest of the suite, all from 127.0.0.1, is never throttled.
 */
class RateLimitIT {

    private static final int REGISTRATIONS = 60;
    private static final int UPGRADES = 200;
    private static final int FRAMES = 100;
    /** Tokens that may come back while a test runs (one every 10 s, or every 3 s for upgrades). */
    private static final int REFILL_SLACK = 5;

    @Test
    void registrationsPastTheLimitAreRefusedWith429AcrossReplicas() throws IOException {
        String client = "127.0.0.2";
        int accepted = 0;
        for (int i = 0; i < REGISTRATIONS / 2; i++) {
            RawHttp.Answer answer = register(client, Gateway.HTTP_PORT);
            assertEquals(201, answer.status(), answer.body());
            assertEquals(Integer.toString(REGISTRATIONS), answer.header("RateLimit-Limit"));
            assertNotNull(answer.header("RateLimit-Reset"));
            if (i == 0) {
                assertEquals(Integer.toString(REGISTRATIONS - 1), answer.header("RateLimit-Remaining"));
            }
            accepted++;
        }
        // The rest of the budget, spent on the other replica: the bucket is the same.
        RawHttp.Answer last = null;
        for (int i = 0; i < REGISTRATIONS + REFILL_SLACK; i++) {
            last = register(client, Gateway.HTTP_PORT_B);
            if (last.status() != 201) {
                break;
            }
            accepted++;
        }
        assertTooManyRequests(last, REGISTRATIONS, "/api/sessions");
        assertTrue(accepted >= REGISTRATIONS && accepted <= REGISTRATIONS + REFILL_SLACK,
                "accepted " + accepted + " registrations across both replicas");

        // A client cannot name another address for itself: without trusted proxies X-Forwarded-For is ignored.
        RawHttp.Answer forged = RawHttp.post(client, Gateway.HTTP_PORT, "/api/sessions",
                TestTokens.user(Rooms.unique("rl-forged")), "{}", "X-Forwarded-For: 198.51.100.77\r\n");
        assertEquals(429, forged.status());
    }

    @Test
    void upgradesPastTheLimitAreRefusedWith429BeforeTheUpgradeAcrossReplicas() throws IOException {
        String client = "127.0.0.3";
        String token = TestTokens.user(Rooms.unique("rl-upgrades"));
        int accepted = 0;
        for (int i = 0; i < UPGRADES / 2; i++) {
            // an unknown session: each socket is closed with 4004 at once, but the attempt counts
            RawHttp.Answer answer = RawHttp.upgrade(client, Gateway.HTTP_PORT, "/ws?session=rl-none", token);
            assertEquals(101, answer.status());
            accepted++;
        }
        RawHttp.Answer last = null;
        for (int i = 0; i < UPGRADES + REFILL_SLACK; i++) {
            last = RawHttp.upgrade(client, Gateway.HTTP_PORT_B, "/ws?session=rl-none", token);
            if (last.status() != 101) {
                break;
            }
            accepted++;
        }
        assertTooManyRequests(last, UPGRADES, "/ws");
        assertTrue(accepted >= UPGRADES && accepted <= UPGRADES + REFILL_SLACK,
                "accepted " + accepted + " upgrades across both replicas");
        assertEquals(429, RawHttp.upgrade(client, Gateway.HTTP_PORT, "/ws", token).status(),
                "the first replica refuses as well");
    }

    @Test
    void anAcceptedUpgradeCarriesTheRateLimitHeaders() throws IOException {
        RawHttp.Answer answer = RawHttp.upgrade("127.0.0.4", Gateway.HTTP_PORT, "/ws?session=rl-none",
                TestTokens.user(Rooms.unique("rl-headers")));

        assertEquals(101, answer.status());
        assertEquals(Integer.toString(UPGRADES), answer.header("RateLimit-Limit"));
        assertEquals(Integer.toString(UPGRADES - 1), answer.header("RateLimit-Remaining"));
    }

    @Test
    void aFloodingSocketGetsRateLimitedErrorsAndThenA1008Close() throws Exception {
        try (RawWsClient flooder = RawWsClient.connect("/ws", TestTokens.user(Rooms.unique("rl-flood")), true)) {
            assertEquals("welcome", flooder.next(Duration.ofSeconds(10)).getString("type"));
            try {
                for (int i = 0; i < 3 * FRAMES; i++) {
                    flooder.sendText("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
                }
            } catch (IOException closedMeanwhile) {
                // the server cut the flood off while it was still being sent
            }
            assertEquals(1008, flooder.awaitClose(Duration.ofSeconds(20)));
            List<JsonObject> frames = flooder.received();
            long pongs = frames.stream().filter(frame -> "pong".equals(frame.getString("type"))).count();
            List<JsonObject> refusals = frames.stream().filter(frame -> "error".equals(frame.getString("type")))
                    .toList();
            assertFalse(refusals.isEmpty(), "a rate-limited error frame came before the close: " + frames);
            for (JsonObject refusal : refusals) {
                assertEquals("rate-limited", refusal.getString("code"));
                assertFalse(refusal.containsKey("ref"), "the refused frame was not read");
                assertTrue(refusal.getInt("retryAfter") >= 1);
            }
            assertTrue(pongs <= FRAMES + REFILL_SLACK, pongs + " frames were served");
        }
    }

    private static RawHttp.Answer register(String client, int port) throws IOException {
        // a user of its own per registration, so that only the address limit can refuse it
        return RawHttp.post(client, port, "/api/sessions", TestTokens.user(Rooms.unique("rl-reg")), "{}");
    }

    private static void assertTooManyRequests(RawHttp.Answer answer, int limit, String instance) {
        assertNotNull(answer, "no request was made");
        assertEquals(429, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.header("Content-Type"));
        assertTrue(Long.parseLong(answer.header("Retry-After")) >= 1, answer.header("Retry-After"));
        assertEquals(Integer.toString(limit), answer.header("RateLimit-Limit"));
        assertEquals("0", answer.header("RateLimit-Remaining"));
        assertTrue(Long.parseLong(answer.header("RateLimit-Reset")) >= 1, answer.header("RateLimit-Reset"));
        JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
        assertEquals("https://ces.io/problems/rate-limited", problem.getString("type"));
        assertEquals(429, problem.getInt("status"));
        assertEquals(instance, problem.getString("instance"));
    }
}
