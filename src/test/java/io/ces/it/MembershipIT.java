package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonObject;

/**
 * A room the token does not grant is decided by the membership service, a real HTTP server run here on the port
 * the test replicas are configured with. When it fails, the circuit opens, CES denies, and access returns with it.
 */
class MembershipIT {

    private static final int PORT = 19099;

    private HttpServer service;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startTheMembershipService() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        // GET /rooms/{room}/members/{user}: members are the users named in the room, mb_ok_<user>_...
        service.createContext("/rooms/", this::answer);
        service.start();
    }

    @AfterEach
    void stopTheMembershipService() {
        service.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String[] path = exchange.getRequestURI().getPath().split("/");
        String room = path[2];
        String user = path[4];
        int status = failing.get() ? 503 : 200;
        String body = failing.get() ? "{\"error\":\"down\"}"
                : "{\"member\":" + room.startsWith("mb_ok_" + user + "_") + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void theServiceDecidesWhatTheTokenDoesNotAndItsOutageDeniesUntilItReturns() throws Exception {
        String user = Rooms.unique("member").replace("_", "");
        try (WsClient client = WsClient.connect(TestTokens.user(user, "cr_*"))) {
            // a circuit opened by an earlier test's denials may still be open: wait until the service is asked again
            awaitSubscribed(client, user, Duration.ofSeconds(15));
            assertEquals("forbidden", client.subscribe(Rooms.unique("mb_no_" + user)).getString("code"));

            failing.set(true);
            int askedBefore = requests.get();
            for (int i = 0; i < 8; i++) {
                JsonObject denied = client.subscribe(Rooms.unique("mb_ok_" + user));
                assertEquals("forbidden", denied.getString("code"), "denied while the service fails");
            }
            int askedWhileFailing = requests.get() - askedBefore;
            assertTrue(askedWhileFailing <= 12, "the open circuit stopped asking: " + askedWhileFailing + " requests");

            failing.set(false);
            Thread.sleep(2500); // the test replicas' circuit-breaker delay is 2 s
            awaitSubscribed(client, user, Duration.ofSeconds(15));
        }
    }

    private static void awaitSubscribed(WsClient client, String user, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject answer = null;
        while (System.nanoTime() < deadline) {
            answer = client.subscribe(Rooms.unique("mb_ok_" + user));
            if ("subscribed".equals(answer.getString("type"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never subscribed through the membership service: " + answer);
    }
}
