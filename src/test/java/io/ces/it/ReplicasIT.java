package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/**
 * Two replicas (A on the main test port, B on the second) share session state through the Hazelcast cache
 * cluster: a client that drops from one resumes on the other with nothing lost, also when its replica crashes.
 */
class ReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aClientThatDropsFromReplicaAResumesOnReplicaBExactlyOnceAndInOrder() throws Exception {
        List<String> rooms = List.of(Rooms.unique("cr"), Rooms.unique("cr"), Rooms.unique("cr"));
        String token = TestTokens.user(Rooms.unique("roamer"), "cr_*");
        int total = 1_000;
        ReceivedLog log = new ReceivedLog(rooms);

        RawWsClient onA = RawWsClient.connect(Gateway.HTTP_PORT, "/ws", token, true);
        JsonObject welcome = onA.next(WAIT);
        for (String room : rooms) {
            onA.sendText("{\"type\":\"subscribe\",\"id\":\"" + room + "\",\"room\":\"" + room + "\"}");
            assertEquals("subscribed", onA.next(WAIT).getString("type"));
        }
        try (Events events = new Events()) {
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(events, rooms, total));
            for (int seen = 0; seen < 200; seen++) {
                log.record(onA.next(WAIT));
            }
            onA.cutTcp();
            onA.received().forEach(log::record);
            producing.get(60, TimeUnit.SECONDS);

            try (WsClient onB = WsClient.connect(Gateway.WS_B, token)) {
                onB.send(resume(welcome, log.positions()));
                JsonObject resumed = onB.nextMatching(f -> "resumed".equals(f.getString("type")));
                assertEquals(welcome.getString("session"), resumed.getString("session"));
                receiveTheRest(onB, log, total);
            }
        }
        log.assertCompleteAndOrdered(total);
    }

    @Test
    void aReplicaKilledMidStreamLosesNothingOnceItIsBack() throws Exception {
        String room = Rooms.unique("cr");
        String token = TestTokens.user(Rooms.unique("survivor"), "cr_*");
        ReceivedLog log = new ReceivedLog(List.of(room));
        int total = 300;
        ProcessHandle replicaB = null;
        try (Events events = new Events()) {
            RawWsClient onB = RawWsClient.connect(Gateway.HTTP_PORT_B, "/ws", token, true);
            onB.next(WAIT);
            onB.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
            assertEquals("subscribed", onB.next(WAIT).getString("type"));
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < total; i++) {
                    events.send(room, Events.roomEvent(room + "-mid-" + i, room, "{\"i\":" + i + "}"));
                    pause(15);
                }
            });
            while (log.total() < 50) {
                log.record(onB.next(WAIT));
            }
            replicaB = signalReplicaB("KILL");
            assertEquals(-1, onB.awaitClose(WAIT), "a crash ends the connection without a close frame");
            onB.received().forEach(log::record);
            replicaB.onExit().get(30, TimeUnit.SECONDS);
            server("start", "ces-b");
            awaitReplicaB();
            producing.get(60, TimeUnit.SECONDS);
            // The restart takes longer than the test build's 10 s grace period, so the session is gone: the client
            // recovers the room by position instead (subscribe with since), as any client may.
            try (WsClient again = WsClient.connect(Gateway.WS_B, token)) {
                again.send("{\"type\":\"subscribe\",\"id\":\"again\",\"room\":\"" + room + "\",\"since\":"
                        + log.positions().get(room) + "}");
                receiveTheRest(again, log, total);
            }
        } finally {
            if (replicaB != null && replicaB.isAlive()) {
                replicaB.onExit().get(30, TimeUnit.SECONDS);
            }
            if (!replicaBServes()) {
                server("start", "ces-b");
                awaitReplicaB();
            }
        }
        log.assertCompleteAndOrdered(total);
    }

    @Test
    void aReplicaThatIsStoppedTellsClientsToReconnectAndLosesNoSession() throws Exception {
        String room = Rooms.unique("cr");
        String token = TestTokens.user(Rooms.unique("survivor"), "cr_*");
        ReceivedLog log = new ReceivedLog(List.of(room));
        int closeCode;
        ProcessHandle replicaB = null;
        try (Events events = new Events()) {
            RawWsClient onB = RawWsClient.connect(Gateway.HTTP_PORT_B, "/ws", token, true);
            JsonObject welcome = onB.next(WAIT);
            onB.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"room\":\"" + room + "\"}");
            assertEquals("subscribed", onB.next(WAIT).getString("type"));
            events.send(room, Events.roomEvent(room + "-before-stop", room, "{\"i\":0}"));
            log.record(onB.next(WAIT));

            replicaB = signalReplicaB("TERM");
            closeCode = onB.awaitClose(WAIT);
            for (int i = 1; i <= 20; i++) {
                events.send(room, Events.roomEvent(room + "-while-down-" + i, room, "{\"i\":" + i + "}"));
            }
            try (WsClient onA = WsClient.connect(Gateway.WS, token)) {
                onA.send(resume(welcome, log.positions()));
                JsonObject subscribed = onA.nextMatching(f -> "subscribed".equals(f.getString("type")));
                assertTrue(subscribed.getBoolean("recovered"), subscribed.toString());
                assertEquals(20, subscribed.getInt("replayed"));
                onA.messages(20, WAIT).forEach(log::record);
            }
        } finally {
            if (replicaB != null) {
                replicaB.onExit().get(90, TimeUnit.SECONDS);
            }
            server("start", "ces-b");
            awaitReplicaB();
        }
        log.assertCompleteAndOrdered(21);
        assertEquals(1012, closeCode, "SIGTERM, as Kubernetes sends it, tells the client to reconnect");
    }

    @Test
    void theSessionApiSeesAndClosesASessionHeldByTheOtherReplica() throws Exception {
        String user = Rooms.unique("remote");
        String token = TestTokens.user(user, "cr_*");
        String room = Rooms.unique("cr");
        try (WsClient onB = WsClient.connect(Gateway.WS_B, token)) {
            String session = onB.sessionId();
            assertEquals("subscribed", onB.subscribe(room).getString("type"));

            HttpResponse<String> seenFromA = sessionApi(token, session, "GET");
            assertEquals(200, seenFromA.statusCode(), seenFromA.body());
            assertTrue(seenFromA.body().contains("\"connected\"") && seenFromA.body().contains(room), seenFromA.body());
            assertEquals(404, sessionApi(TestTokens.user(Rooms.unique("other")), session, "GET").statusCode());

            assertEquals(204, sessionApi(token, session, "DELETE").statusCode());
            assertEquals(4000, onB.awaitClose(Duration.ofSeconds(15)), "closed on B within a heartbeat");
            assertEquals(404, sessionApi(token, session, "GET").statusCode());
        }
    }

    private static HttpResponse<String> sessionApi(String token, String session, String method) {
        return Gateway.send(Gateway.request("/api/sessions/" + session).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static void produce(Events events, List<String> rooms, int total) {
        for (int i = 0; i < total; i++) {
            String room = rooms.get(i % rooms.size());
            events.sendAsync(room, Events.roomEvent(room + "-roam-" + i, room, "{\"i\":" + i + "}"));
            if (i % 20 == 19) {
                events.flush();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        events.flush();
    }

    private static String resume(JsonObject welcome, Map<String, Long> positions) {
        return ReceivedLog.resumeFrame(welcome.getString("session"), welcome.getString("resumeToken"), positions);
    }

    private static void receiveTheRest(WsClient client, ReceivedLog log, int total) {
        while (log.total() < total) {
            JsonObject frame = client.next(WAIT);
            if ("subscribed".equals(frame.getString("type"))) {
                assertTrue(frame.getBoolean("recovered"), frame.toString());
            }
            log.record(frame);
        }
        assertTrue(client.drain(Duration.ofSeconds(2)).stream().noneMatch(f -> "message".equals(f.getString("type"))),
                "nothing twice");
    }

    /** Sends a signal to replica B's JVM: KILL leaves no shutdown hook and no goodbye to the cache cluster. */
    private static ProcessHandle signalReplicaB(String signal) throws Exception {
        Path pidFile = Path.of(System.getProperty("ces.liberty.dir", "target/liberty/wlp"), "usr/servers/.pid/ces-b.pid");
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
        ProcessHandle replica = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("replica B not running"));
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        return replica;
    }

    private static void server(String action, String name) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("ces.liberty.dir", "target/liberty/wlp"));
        Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("server " + action + " " + name + " failed: " + output);
        }
    }

    private static boolean replicaBServes() {
        try {
            return Gateway.HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Gateway.HTTP_PORT_B
                    + "/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException | InterruptedException down) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until replica B serves its application again, for the tests that run after this one. */
    private static void awaitReplicaB() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> page = Gateway.HTTP_CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + Gateway.HTTP_PORT_B + "/")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("replica B did not come back");
    }
}
