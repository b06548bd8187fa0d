package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The REST session API: register, read, close; problem+json for every bad request. */
class SessionApiIT {

    private static HttpResponse<String> register(String token, String body) {
        HttpRequest.Builder request = Gateway.request("/api/sessions")
                .header("Content-Type", "application/json")
                .POST(body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Gateway.send(request);
    }

    private static HttpResponse<String> get(String token, String sessionId) {
        return Gateway.send(Gateway.request("/api/sessions/" + sessionId).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> delete(String token, String sessionId) {
        return Gateway.send(Gateway.request("/api/sessions/" + sessionId).header("Authorization", "Bearer " + token).DELETE());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "problem+json content type");
        JsonObject problem = json(response);
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.containsKey("type") && problem.containsKey("title"), response.body());
    }

    @Test
    void registrationAnswersSessionTokenExpiryAndWsUrl() {
        HttpResponse<String> response = register(TestTokens.user("dave", "cr_*"), null);
        assertEquals(201, response.statusCode(), response.body());
        JsonObject registration = json(response);
        String session = registration.getString("session");
        assertFalse(registration.getString("resumeToken").isEmpty());
        assertTrue(Instant.parse(registration.getString("expiresAt")).isAfter(Instant.now()));
        assertTrue(registration.getString("wsUrl").endsWith("/ws?session=" + session));
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/api/sessions/" + session));
        String cookie = response.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith("ces_token=") && cookie.contains("HttpOnly") && cookie.contains("Path=/ws"), cookie);
    }

    @Test
    void registeredSessionIsClaimedByTheConnectionWithItsRooms() {
        String room = Rooms.unique("cr");
        String token = TestTokens.user("erin", "cr_*");
        JsonObject registration = json(register(token, "{\"rooms\":[\"" + room + "\"]}"));
        String session = registration.getString("session");
        try (Events events = new Events(); WsClient client = WsClient.connect(registration.getString("wsUrl"), token)) {
            assertEquals(session, client.sessionId());
            JsonObject view = json(get(token, session));
            assertEquals("connected", view.getString("status"));
            assertEquals(room, view.getJsonArray("rooms").getString(0));
            String id = Events.nextId("pre-subscribed");
            events.send(room, Events.roomEvent(id, room, "{}"));
            assertEquals(id, client.messages(1, Duration.ofSeconds(20)).get(0).getJsonObject("event").getString("id"));
        }
    }

    @Test
    void badBodiesAnswer400ProblemJson() {
        String token = TestTokens.user("frank", "cr_*");
        assertProblem(register(token, "{not json"), 400);
        assertProblem(register(token, "[\"cr_1\"]"), 400);
        assertProblem(register(token, "{\"rooms\":\"cr_1\"}"), 400);
        assertProblem(register(token, "{\"rooms\":[1,2]}"), 400);
        assertProblem(register(token, "{\"rooms\":[\"bad room id\"]}"), 400);
    }

    @Test
    void roomNotGrantedAnswers403ProblemJson() {
        assertProblem(register(TestTokens.user("grace", "cr_*"), "{\"rooms\":[\"dm_1\"]}"), 403);
    }

    @Test
    void missingOrBadTokenAnswers401ProblemJson() {
        assertProblem(register(null, null), 401);
        assertProblem(register(TestTokens.builder("x").expiresInSeconds(-600).sign(), null), 401);
        assertProblem(register(TestTokens.builder("x").groups("nobody").sign(), null), 403);
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesASession() {
        String owner = TestTokens.user("heidi", "cr_*");
        String session = json(register(owner, null)).getString("session");
        assertEquals(200, get(owner, session).statusCode());
        assertEquals("heidi", json(get(owner, session)).getString("user"));
        assertProblem(get(TestTokens.user("ivan", "cr_*"), session), 404);
        assertEquals(200, get(TestTokens.admin("root"), session).statusCode());
        HttpResponse<String> missing = get(owner, "no-such-session");
        assertProblem(missing, 404);
        assertEquals("/api/sessions/no-such-session", json(missing).getString("instance"));
    }

    @Test
    void deleteClosesTheConnectionWithCode4000() {
        String token = TestTokens.user("judy", "cr_*");
        try (WsClient client = WsClient.connect(token)) {
            String session = client.sessionId();
            assertProblem(delete(TestTokens.user("mallory"), session), 404);
            assertEquals(204, delete(token, session).statusCode());
            assertEquals(4000, client.awaitClose(Duration.ofSeconds(10)));
            assertProblem(get(token, session), 404);
            assertProblem(delete(token, session), 404);
        }
    }

    @Test
    void connectingToAnUnknownSessionIsClosedWith4004() {
        try (WsClient client = WsClient.connect(Gateway.WS + "?session=does-not-exist", TestTokens.user("kim"))) {
            assertEquals(4004, client.awaitClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void anotherUsersSessionCannotBeClaimed() {
        String session = json(register(TestTokens.user("leo"), null)).getString("session");
        try (WsClient thief = WsClient.connect(Gateway.WS + "?session=" + session, TestTokens.user("mallory"))) {
            assertEquals(4004, thief.awaitClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void devTokenEndpointMintsUsableTokensAndRejectsBadInput() {
        HttpResponse<String> minted = Gateway.send(Gateway.request("/dev/token").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"sub\":\"newcomer\",\"rooms\":[\"cr_*\"],\"ttlSeconds\":600}")));
        assertEquals(200, minted.statusCode(), minted.body());
        String token = json(minted).getString("token");
        try (WsClient client = WsClient.connect(token)) {
            assertEquals("subscribed", client.subscribe(Rooms.unique("cr")).getString("type"));
        }
        assertProblem(Gateway.send(Gateway.request("/dev/token").POST(BodyPublishers.ofString("{\"rooms\":[]}"))), 400);
        assertProblem(Gateway.send(Gateway.request("/dev/token").POST(BodyPublishers.ofString("{\"sub\":\"a\",\"ttlSeconds\":0}"))), 400);
        assertProblem(Gateway.send(Gateway.request("/dev/token").POST(BodyPublishers.ofString("nope"))), 400);
    }

    @Test
    void openApiDocumentDescribesTheSessionApiAndItsProblems() {
        // Liberty builds the document in the background after the application starts.
        String yaml = "";
        for (int attempt = 0; attempt < 60 && !yaml.contains("/api/sessions:"); attempt++) {
            HttpResponse<String> document = Gateway.send(Gateway.request("/openapi").GET());
            assertEquals(200, document.statusCode());
            yaml = document.body();
            if (!yaml.contains("/api/sessions:")) {
                sleep(500);
            }
        }
        for (String expected : new String[] {"/api/sessions:", "/api/sessions/{id}:",
                "application/problem+json", "SessionRegistration", "/api/admin/dead-letters:",
                "/api/admin/dead-letters/{id}/replay:", "/api/admin/dead-letters/purge:", "DeadLetter",
                "/api/rooms/{room}/events:", "PublishReceipt", "Retry-After", "RateLimit-Remaining",
                "examples:", "rate-limited"}) {
            assertTrue(yaml.contains(expected), "OpenAPI document mentions " + expected);
        }
        assertFalse(yaml.contains("/token:"), "the demo-only endpoints stay out of the document");
        HttpResponse<String> ui = Gateway.send(Gateway.request("/openapi/ui/").GET());
        assertEquals(200, ui.statusCode(), "the OpenAPI UI is served");
        assertTrue(ui.body().contains("<html") || ui.body().contains("<!DOCTYPE"), "the OpenAPI UI is a page");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
