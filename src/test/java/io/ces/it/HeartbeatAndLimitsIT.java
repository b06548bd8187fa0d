package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Heartbeats, session caps and eviction, against the test server's short settings: heartbeat 2 s, two missed
 * heartbeats allowed, grace 10 s, eviction every second, at most 5 sessions per user.
 */
class HeartbeatAndLimitsIT {

    @Test
    void aClientThatAnswersNoPingIsClosedAndItsSessionStaysResumable() throws Exception {
        String user = Rooms.unique("silent");
        String token = TestTokens.user(user);
        try (RawWsClient silent = RawWsClient.connect("/ws", token, false)) {
            String session = silent.next(Duration.ofSeconds(10)).getString("session");
            assertEquals(4008, silent.awaitClose(Duration.ofSeconds(15)));
            JsonObject view = session(token, session);
            assertEquals("disconnected", view.getString("status"), "the session outlives the dead connection");
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() throws Exception {
        try (RawWsClient alive = RawWsClient.connect("/ws", TestTokens.user(Rooms.unique("alive")), true)) {
            alive.next(Duration.ofSeconds(10));
            Thread.sleep(7_000);
            alive.sendText("{\"type\":\"ping\",\"id\":\"still-there\"}");
            assertEquals("pong", alive.next(Duration.ofSeconds(5)).getString("type"));
        }
    }

    /**
     * A client that stops reading fills its TCP buffers; the write that then blocks holds its writer lane until the
     * write timeout (5 s here), when the connection is closed with 4001 and the lane's other connections go on.
     */
    @Test
    void aClientThatStopsReadingIsClosedWhileTheOthersGetEveryEvent() throws Exception {
        String room = Rooms.unique("stalled");
        String big = "\"" + "x".repeat(40_000) + "\"";
        int count = 200;
        try (RawWsClient stalled = RawWsClient.connect("/ws", TestTokens.user(Rooms.unique("stalls"), room), true);
                WsClient first = WsClient.connect(TestTokens.user(Rooms.unique("reads"), room));
                WsClient second = WsClient.connect(TestTokens.user(Rooms.unique("reads"), room));
                Events events = new Events()) {
            stalled.next(Duration.ofSeconds(10));
            stalled.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
            assertEquals("subscribed", stalled.next(Duration.ofSeconds(10)).getString("type"));
            stalled.pauseReading();
            // With two writer lanes, one of the readers shares the stalled client's lane.
            for (WsClient reader : List.of(first, second)) {
                reader.welcome();
                assertEquals("subscribed", reader.subscribe(room).getString("type"));
            }
            for (int i = 0; i < count; i++) {
                events.sendAsync(room, Events.roomEvent(Events.nextId("stalled"), room, "{\"n\":" + i + ",\"pad\":" + big + "}"));
            }
            for (WsClient reader : List.of(first, second)) {
                List<JsonObject> received = reader.messages(count, Duration.ofSeconds(60));
                for (int i = 0; i < count; i++) {
                    assertEquals(i, received.get(i).getJsonObject("event").getJsonObject("data").getInt("n"));
                }
            }
            stalled.resumeReading();
            int code = stalled.awaitClose(Duration.ofSeconds(30));
            // Whichever comes first: the write timeout (4001) or the missed heartbeats (4008; the client reads no ping).
            assertTrue(code == 4001 || code == 4008 || code == -1,
                    "closed as a slow consumer, for silence, or cut, but was " + code);
            assertTrue(stalled.received().size() < count + 1, "the stalled client did not get everything live");
        }
    }

    @Test
    void theSessionCapPerUserRefusesTheNextConnectionAndRegistration() {
        String token = TestTokens.user(Rooms.unique("capped"));
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                WsClient client = WsClient.connect(token);
                client.welcome();
                clients.add(client);
            }
            try (WsClient oneTooMany = WsClient.connect(token)) {
                assertEquals(4009, oneTooMany.awaitClose(Duration.ofSeconds(10)));
            }
            HttpResponse<String> refused = Gateway.send(Gateway.request("/api/sessions")
                    .header("Authorization", "Bearer " + token).POST(BodyPublishers.noBody()));
            assertEquals(429, refused.statusCode());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.body().contains("ces.session.max-per-user"), refused.body());
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void anUnclaimedSessionIsEvictedByTheTimerAfterTheGracePeriod() throws Exception {
        String token = TestTokens.user(Rooms.unique("evicted"));
        HttpResponse<String> registered = Gateway.send(Gateway.request("/api/sessions")
                .header("Authorization", "Bearer " + token).POST(BodyPublishers.noBody()));
        String session = Json.createReader(new StringReader(registered.body())).readObject().getString("session");
        assertEquals(200, get(token, session).statusCode());
        double pendingBefore = Metrics.sum("ces_session_expired_pending_events_total");
        try (Events events = new Events()) {
            events.send(session, Events.targetedEvent(session + "-never-read", "sessionid", session, "{}"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = get(token, session).statusCode();
        }
        assertEquals(404, status, "evicted within grace (10 s) plus the timer interval");
        // The shared state may forget the session a moment before the replica that held it counts the eviction.
        long counted = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Metrics.sum("ces_session_expired_pending_events_total") < pendingBefore + 1
                && System.nanoTime() < counted) {
            Thread.sleep(200);
        }
        assertTrue(Metrics.sum("ces_sessions_expired_total") >= 1, "evictions are counted");
        assertTrue(Metrics.sum("ces_session_expired_pending_events_total") >= pendingBefore + 1,
                "the event addressed to the evicted session is counted, not silently dropped");
        try (WsClient late = WsClient.connect(Gateway.WS + "?session=" + session, token)) {
            assertFalse(late.awaitClose(Duration.ofSeconds(10)) == 1000, "an evicted session cannot be claimed");
        }
    }

    private static HttpResponse<String> get(String token, String session) {
        return Gateway.send(Gateway.request("/api/sessions/" + session).header("Authorization", "Bearer " + token).GET());
    }

    private static JsonObject session(String token, String session) {
        return Json.createReader(new StringReader(get(token, session).body())).readObject();
    }
}
