package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Conflation under a burst to a deliberately slow client. The test replicas conflate rooms {@code ticker-*}
 * (pom.xml) with a window of 500 ms; the outbound queue holds 1024 frames. The slow client has a small socket
 * receive buffer and reads one frame every 50 ms while the burst is routed (about a hundred events a second here),
 * so it is behind after a few frames; it never stops reading altogether, which the write timeout (5 s) would
 * punish before the burst is through.
 */
class ConflationIT {

    private static final int EVENTS = 1500;
    private static final int KEYS = 4;
    private static final String PAD = "\"" + "q".repeat(16_000) + "\"";
    private static final int SMALL_RECEIVE_BUFFER = 32 * 1024;

    /** A quote of one instrument: records are keyed by room (in-room order); the extension names the instrument. */
    private static String quote(String room, int n) {
        String instrument = "K" + n % KEYS;
        return "{\"specversion\":\"1.0\",\"id\":\"" + Events.nextId("quote") + "\",\"source\":\"/it\","
                + "\"type\":\"chat.message\",\"room\":\"" + room + "\",\"conflationkey\":\"" + instrument + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"instrument\":\"" + instrument + "\",\"n\":"
                + n + ",\"pad\":" + PAD + "}}";
    }

    /** Produces the burst while the client reads one frame per {@code perFrame}, until replica A consumed it all. */
    private static void burstWhileReadingSlowly(RawWsClient slow, String room, Duration perFrame) {
        double consumedBefore = Metrics.sum("ces_events_consumed_total");
        slow.readEvery(perFrame);
        try (Events events = new Events()) {
            for (int n = 0; n < EVENTS; n++) {
                events.sendAsync(room, quote(room, n));
            }
            events.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Metrics.sum("ces_events_consumed_total") < consumedBefore + EVENTS) {
            assertTrue(System.nanoTime() < deadline, "replica A did not consume the burst in time");
            sleep(100);
        }
        sleep(300); // the last consumed record is routed a moment after it is counted
        slow.readEvery(Duration.ZERO);
    }

    private static RawWsClient subscribedSlowClient(String room) throws Exception {
        RawWsClient client = RawWsClient.connect(Gateway.HTTP_PORT, "/ws",
                TestTokens.user(Rooms.unique("slow"), room), true, SMALL_RECEIVE_BUFFER);
        assertEquals("welcome", client.next(Duration.ofSeconds(10)).getString("type"));
        client.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
        assertEquals("subscribed", client.next(Duration.ofSeconds(10)).getString("type"));
        return client;
    }

    /**
     * Sends an application ping every second, as the JavaScript client does: the server's pings reach a slow client
     * only behind the frames in its socket buffers, and a client that answers none of them for two heartbeats while
     * nothing waits in its queue any more is closed with 4008, which is not what these tests are about.
     */
    private static ScheduledExecutorService keepAlive(RawWsClient client) {
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        pinger.scheduleAtFixedRate(() -> {
            try {
                client.sendText("{\"type\":\"ping\"}");
            } catch (IOException closed) {
                // the connection ended; the test tells how
            }
        }, 0, 1, TimeUnit.SECONDS);
        return pinger;
    }

    @Test
    void aSlowClientGetsTheLatestQuoteOfEveryInstrumentWhileAFastOneGetsEveryQuote() throws Exception {
        String room = Rooms.unique("ticker-q");
        double conflatedBefore = Metrics.sum("ces_frames_conflated_total");
        // The fast client is on the other replica: it cannot share a writer lane with the stalled one.
        try (RawWsClient slow = subscribedSlowClient(room);
                WsClient fast = WsClient.connect(Gateway.WS_B, TestTokens.user(Rooms.unique("fast"), room))) {
            fast.welcome();
            assertEquals("subscribed", fast.subscribe(room).getString("type"));
            ScheduledExecutorService pinger = keepAlive(slow);

            burstWhileReadingSlowly(slow, room, Duration.ofMillis(50));

            Map<String, Integer> latest = new HashMap<>();
            List<JsonObject> messages = new ArrayList<>();
            long lastSeq = -1;
            int accountedFor = 0;
            int conflatedFrames = 0;
            while (latest.size() < KEYS || latest.values().stream().anyMatch(n -> n < EVENTS - KEYS)) {
                JsonObject frame = slow.next(Duration.ofSeconds(30));
                if (!"message".equals(frame.getString("type"))) {
                    continue;
                }
                messages.add(frame);
                assertTrue(frame.getJsonNumber("seq").longValue() > lastSeq, "seq increases: " + frame.get("seq"));
                lastSeq = frame.getJsonNumber("seq").longValue();
                JsonObject data = frame.getJsonObject("event").getJsonObject("data");
                String instrument = data.getString("instrument");
                int n = data.getInt("n");
                Integer previous = latest.put(instrument, n);
                assertTrue(previous == null || previous < n, "quotes of " + instrument + " stay in order");
                int conflated = frame.getInt("conflated", 0);
                if (conflated > 0) {
                    conflatedFrames++;
                    assertEquals(instrument, frame.getJsonObject("event").getString("conflationkey"));
                }
                accountedFor += 1 + conflated;
            }
            for (int k = 0; k < KEYS; k++) {
                assertEquals(EVENTS - KEYS + k, latest.get("K" + k), "the latest quote of K" + k);
            }
            assertEquals(EVENTS, accountedFor, "every quote was either delivered or counted as replaced");
            assertTrue(conflatedFrames > 0, "frames say how many quotes they replaced");
            assertTrue(messages.size() < EVENTS / 2,
                    "the slow client got far fewer frames than quotes: " + messages.size());
            assertEquals(EVENTS - messages.size(), Metrics.sum("ces_frames_conflated_total") - conflatedBefore,
                    "ces_frames_conflated_total counts the replaced quotes");

            pinger.shutdownNow();
            slow.sendText("{\"type\":\"ping\",\"id\":\"after-burst\"}");
            JsonObject pong;
            do {
                pong = slow.next(Duration.ofSeconds(10)); // the keep-alive's pongs, without ref, come first
            } while (!"after-burst".equals(pong.getString("ref", null)));
            assertEquals("pong", pong.getString("type"), "the slow client's connection is still open");
            System.out.println("ConflationIT: the slow client got " + messages.size() + " frames for " + EVENTS
                    + " quotes, " + conflatedFrames + " of them conflated");

            List<JsonObject> all = fast.messages(EVENTS, Duration.ofSeconds(60));
            for (int n = 0; n < EVENTS; n++) {
                assertEquals(n, all.get(n).getJsonObject("event").getJsonObject("data").getInt("n"));
                assertFalse(all.get(n).containsKey("conflated"), "the fast client gets every quote as it is");
            }
        }
    }

    @Test
    void theSameBurstInARoomThatIsNotConflatedStillClosesTheSlowClientWith4001() throws Exception {
        String room = Rooms.unique("quotes");
        try (RawWsClient slow = subscribedSlowClient(room)) {
            ScheduledExecutorService pinger = keepAlive(slow);
            // One frame a second: the queue overflows long before the burst is through.
            burstWhileReadingSlowly(slow, room, Duration.ofSeconds(1));
            assertEquals(4001, slow.awaitClose(Duration.ofSeconds(30)));
            pinger.shutdownNow();
            List<JsonObject> received = slow.received();
            assertTrue(received.size() < EVENTS, "the queue overflowed: " + received.size());
            assertTrue(received.stream().noneMatch(frame -> frame.containsKey("conflated")));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
