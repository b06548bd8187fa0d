package io.ces.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

import io.ces.it.Gateway;
import io.ces.it.Rooms;
import io.ces.it.TestTokens;
import io.ces.it.WsClient;

/**
 * The JavaScript client (/js/ces-client.js) as an application imports it, in real Chromium on a page of replica A:
 * each test runs a script that uses the module and hands its results back.
 */
class ClientLibraryIT {

    private static Browser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.open();
        browser.openPage();
    }

    /** One client per page and cookie jar, as an application has (docs/client.md: one user per browser profile). */
    @BeforeEach
    void freshPage() {
        browser.driver().manage().deleteAllCookies();
        browser.openPage();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static JsonObject run(String body) {
        return browser.evalAsync("const { CesClient, CesError, backoffDelay } = await import('/js/ces-client.js');"
                + body).asJsonObject();
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCeilingWithJitter() {
        JsonObject result = run("""
                const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
                return {
                  low: [0, 1, 2, 3, 4, 10].map(a => backoffDelay(a, options, () => 0)),
                  high: [0, 1, 2, 3, 4, 10].map(a => backoffDelay(a, options, () => 1)),
                };""");
        assertEquals("[50,100,200,400,500,500]", result.get("low").toString());
        assertEquals("[100,200,400,800,1000,1000]", result.get("high").toString());
    }

    @Test
    void publishedEventsReachTheHandlerWithTheReceiptsPositionAndStopAfterUnsubscribe() {
        String room = Rooms.unique("cr_lib");
        String token = TestTokens.user(Rooms.unique("lib"), room);
        JsonObject result = run("""
                const room = '%s';
                const client = new CesClient({ token: '%s' });
                const states = [];
                client.on('state', ({ state }) => states.push(state));
                await client.connect();
                const got = [];
                let arrived;
                const first = new Promise(resolve => { arrived = resolve; });
                await client.subscribe(room, (event, frame) => { got.push({ id: event.id, seq: frame.seq, data: event.data }); arrived(); });
                const receipt = await client.publish(room, 'chat.message', { text: 'one' }, { id: 'lib-1' });
                await first;
                await client.unsubscribe(room);
                await client.publish(room, 'chat.message', { text: 'two' });
                await new Promise(resolve => setTimeout(resolve, 1500));
                const rtt = await client.ping();
                client.close();
                return { receipt, got, states, rtt: rtt >= 0, state: client.state };""".formatted(room, token));
        assertTrue(result.containsKey("receipt"), result.toString());
        JsonObject receipt = result.getJsonObject("receipt");
        assertEquals("lib-1", receipt.getString("id"));
        assertEquals(room, receipt.getString("room"));
        assertEquals(1, result.getJsonArray("got").size(), "nothing after unsubscribe: " + result);
        JsonObject message = result.getJsonArray("got").getJsonObject(0);
        assertEquals("lib-1", message.getString("id"));
        assertEquals(receipt.getJsonNumber("offset").longValue(), message.getJsonNumber("seq").longValue());
        assertEquals("one", message.getJsonObject("data").getString("text"));
        assertTrue(result.getBoolean("rtt"));
        assertEquals("[\"connecting\",\"open\",\"closed\"]", result.get("states").toString());
    }

    @Test
    void aRoomTheTokenDoesNotGrantIsRefusedWithAClearError() {
        String token = TestTokens.user(Rooms.unique("lib"), "cr_only");
        JsonObject result = run("""
                const client = new CesClient({ token: '%s' });
                await client.connect();
                const outcome = {};
                try { await client.subscribe('dm_other'); } catch (e) { outcome.subscribe = { code: e.code, message: e.message, isCesError: e instanceof CesError }; }
                try { await client.publish('dm_other', 'chat.message', {}); } catch (e) { outcome.publish = { code: e.code, status: e.status, message: e.message }; }
                outcome.state = client.state;
                client.close();
                return outcome;""".formatted(token));
        assertTrue(result.containsKey("subscribe"), result.toString());
        JsonObject subscribe = result.getJsonObject("subscribe");
        assertEquals("forbidden", subscribe.getString("code"));
        assertTrue(subscribe.getBoolean("isCesError"));
        assertTrue(subscribe.getString("message").contains("does not grant room dm_other"), subscribe.toString());
        JsonObject publish = result.getJsonObject("publish");
        assertEquals("forbidden", publish.getString("code"));
        assertEquals(403, publish.getInt("status"));
        assertEquals("open", result.getString("state"), "a refused room leaves the connection open");
    }

    @Test
    void followedPresenceAndTypingOfAnotherUserOnTheOtherReplicaArriveAsEvents() throws Exception {
        String room = Rooms.unique("cr_lib");
        String me = Rooms.unique("lib");
        String other = Rooms.unique("lib-other");
        // the other user joins and types on replica B once the page follows the room
        Thread otherUser = new Thread(() -> {
            try {
                Thread.sleep(3000);
                try (WsClient client = WsClient.connect(Gateway.WS_B, TestTokens.user(other, room))) {
                    client.subscribe(room);
                    client.send("{\"type\":\"typing\",\"room\":\"" + room + "\"}");
                    Thread.sleep(3000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        otherUser.start();
        JsonObject result = run("""
                const room = '%s';
                const client = new CesClient({ token: '%s' });
                await client.connect();
                await client.subscribe(room);
                const snapshot = await client.followPresence(room);
                const firstTyping = client.typing(room);
                const secondTyping = client.typing(room);
                const seen = { presence: [], typing: [] };
                const done = new Promise(resolve => {
                  const check = () => { if (seen.presence.some(p => p.left) && seen.typing.length) resolve(); };
                  client.on('presence', p => { seen.presence.push(p); check(); });
                  client.on('typing', t => { seen.typing.push(t); check(); });
                });
                await Promise.race([done, new Promise(resolve => setTimeout(resolve, 15000))]);
                client.close();
                return { snapshot, firstTyping, secondTyping, presence: seen.presence, typing: seen.typing };""".formatted(
                room, TestTokens.user(me, room)));
        otherUser.join(10_000);
        assertEquals(1, result.getJsonObject("snapshot").getInt("count"), result.toString());
        assertEquals(me, result.getJsonObject("snapshot").getJsonArray("members").getString(0));
        assertTrue(result.getBoolean("firstTyping"));
        assertEquals(false, result.getBoolean("secondTyping"), "the client sends one typing signal per 2 s");
        // The page's own join may reach it too, after the snapshot: only the other user's events are asserted.
        java.util.List<JsonObject> others = result.getJsonArray("presence").stream().map(JsonObject.class::cast)
                .filter(p -> other.equals(p.getString("joined", null)) || other.equals(p.getString("left", null)))
                .toList();
        assertEquals(2, others.size(), result.toString());
        assertEquals(other, others.get(0).getString("joined", null), result.toString());
        assertEquals(other, others.get(1).getString("left", null), result.toString());
        assertEquals(other, result.getJsonArray("typing").getJsonObject(0).getString("user"), result.toString());
    }

    @Test
    void aBadTokenFailsToConnectWithTheServersReason() {
        JsonObject result = run("""
                const client = new CesClient({ token: 'not-a-jwt' });
                try { await client.connect(); return { connected: true }; }
                catch (e) { return { code: e.code, status: e.status, state: client.state }; }""");
        assertEquals("unauthorized", result.getString("code"), result.toString());
        assertEquals(401, result.getInt("status"));
        assertEquals("closed", result.getString("state"));
    }

    /**
     * In a room the test replicas deliver at least once ({@code orders-*}), a client that acks after handling gets
     * a message whose handler failed again after a resume, with the one after it, marked redelivered; what it
     * handled before the failure is not repeated.
     */
    @Test
    void aMessageWhoseHandlerFailedIsHandledAgainAfterAResume() {
        String room = Rooms.unique("orders-lib");
        String token = TestTokens.user(Rooms.unique("lib"), room);
        JsonObject result = run("""
                const room = '%s';
                const client = new CesClient({ token: '%s', reconnect: { initialDelayMs: 500, maxDelayMs: 500, jitter: 0 } });
                await client.connect();
                const handled = [];
                let failedOnce = false;
                await client.subscribe(room, (event, frame) => {
                  if (event.id === 'o-3' && !failedOnce) {
                    failedOnce = true;
                    throw new Error('the application could not handle it this time');
                  }
                  handled.push(event.id + (frame.redelivered ? ' again' : ''));
                }, { ackAfterHandling: true });
                for (const id of ['o-1', 'o-2', 'o-3', 'o-4']) await client.publish(room, 't', 1, { id });
                while (handled.length < 3) await new Promise(resolve => setTimeout(resolve, 50));
                await new Promise(resolve => setTimeout(resolve, 1000));
                const reopened = new Promise(resolve => client.on('resumed', resolve));
                client.simulateNetworkDrop();
                await reopened;
                while (handled.length < 5) await new Promise(resolve => setTimeout(resolve, 50));
                await new Promise(resolve => setTimeout(resolve, 800));
                client.close();
                return { handled };""".formatted(room, token));
        assertEquals("[\"o-1\",\"o-2\",\"o-4\",\"o-3 again\",\"o-4 again\"]", result.get("handled").toString(),
                result.toString());
    }

    @Test
    void aDroppedConnectionResumesAndDeliversWhatWasMissedOnce() {
        String room = Rooms.unique("cr_lib");
        String token = TestTokens.user(Rooms.unique("lib"), room);
        JsonObject result = run("""
                const room = '%s';
                const client = new CesClient({ token: '%s', reconnect: { initialDelayMs: 1500, maxDelayMs: 1500, jitter: 0 } });
                await client.connect();
                const ids = [];
                const recoveries = [];
                client.on('recovery', outcome => recoveries.push(outcome));
                await client.subscribe(room, event => ids.push(event.id));
                await client.publish(room, 't', 1, { id: 'r-1' });
                while (ids.length < 1) await new Promise(resolve => setTimeout(resolve, 50));
                const reopened = new Promise(resolve => client.on('resumed', resolve));
                client.simulateNetworkDrop();
                const stateAfterDrop = client.state;
                for (const id of ['r-2', 'r-3', 'r-4']) await client.publish(room, 't', 1, { id });
                await reopened;
                while (ids.length < 4) await new Promise(resolve => setTimeout(resolve, 50));
                await new Promise(resolve => setTimeout(resolve, 800));
                client.close();
                return { ids, stateAfterDrop, recoveries, positions: client.positions };""".formatted(room, token));
        assertTrue(result.containsKey("stateAfterDrop"), result.toString());
        assertEquals("reconnecting", result.getString("stateAfterDrop"));
        assertEquals("[\"r-1\",\"r-2\",\"r-3\",\"r-4\"]", result.get("ids").toString());
        // The session's and the user's streams are recovered too, in no fixed order: pick the room's.
        JsonObject recovery = result.getJsonArray("recoveries").stream().map(JsonObject.class::cast)
                .filter(outcome -> room.equals(outcome.getString("room", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no recovery of " + room + " in " + result));
        assertTrue(recovery.getBoolean("recovered"));
        assertEquals(3, recovery.getInt("replayed"));
    }
}
