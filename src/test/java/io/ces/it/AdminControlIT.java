package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * Runtime settings through the admin API, on the two replicas: routing rules changed on one replica take effect on
 * both without a restart (derived rooms, drop, fan-out, a rule that cannot give a target, bad documents), and an
 * additional topic added on one replica delivers on both until it is removed.
 */
class AdminControlIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HTTP_B = "http://localhost:" + Gateway.HTTP_PORT_B;

    @Test
    void routingRulesChangedAtRuntimeApplyOnBothReplicas() throws Exception {
        String admin = TestTokens.admin(Rooms.unique("operator"));
        String customer = Rooms.unique("c");
        String type = "it.order.updated." + customer; // rules match only this test's events
        String alertType = "it.alert.raised." + customer;
        String ops = "ops-" + customer;
        try {
            HttpResponse<String> put = call(Gateway.HTTP, "PUT", "/api/admin/routing-rules", admin, rules(type, alertType,
                    "customer-{data.customerId}", ops));
            assertEquals(200, put.statusCode(), put.body());
            JsonObject written = json(put.body());
            long version = written.getJsonNumber("version").longValue();
            assertEquals("control-topic", written.getString("source"));
            assertEquals(3, written.getJsonArray("rules").size());
            awaitVersion(HTTP_B, "/api/admin/routing-rules", admin, version);

            String userToken = TestTokens.user("rita", "customer-*", "vip-*", "ops-*");
            try (Events events = new Events(); WsClient onA = WsClient.connect(Gateway.WS, userToken);
                    WsClient onB = WsClient.connect(Gateway.WS_B, userToken)) {
                String room = "customer-" + customer;
                for (WsClient client : List.of(onA, onB)) {
                    assertEquals("subscribed", client.subscribe(room).getString("type"));
                }
                assertEquals("subscribed", onA.subscribe(ops).getString("type"));

                // derived target: the event names no room, the rule gives it one from its data
                String first = Events.nextId("order");
                events.send(customer, order(first, type, customer));
                for (WsClient client : List.of(onA, onB)) {
                    JsonObject message = client.messages(1, WAIT).get(0);
                    assertEquals(room, message.getString("room"));
                    assertEquals(first, message.getJsonObject("event").getString("id"));
                }

                // drop: filtered on purpose, neither delivered nor dead-lettered
                double filteredBefore = Metrics.sum("ces_events_filtered_total", "rule=\"drop-internal\"");
                ProducerRecord<String, byte[]> internal = new ProducerRecord<>(Events.TOPIC, customer,
                        order(Events.nextId("internal"), type, customer).getBytes(StandardCharsets.UTF_8));
                internal.headers().add(new RecordHeader("x-internal", "true".getBytes(StandardCharsets.UTF_8)));
                events.send(internal);
                String marker = Events.nextId("marker");
                events.send(customer, Events.roomEvent(marker, room, "{}")); // same key: same partition, read after
                for (WsClient client : List.of(onA, onB)) {
                    assertEquals(marker, client.messages(1, WAIT).get(0).getJsonObject("event").getString("id"),
                            "the internal event was dropped");
                }
                assertTrue(Metrics.sum("ces_events_filtered_total", "rule=\"drop-internal\"") > filteredBefore);

                // fan-out: one event, two rooms; a subscriber of both gets it in each
                String alert = Events.nextId("alert");
                events.send(customer, order(alert, alertType, customer));
                List<JsonObject> onBoth = onA.messages(2, WAIT);
                assertEquals(List.of(alert, alert), onBoth.stream().map(m -> m.getJsonObject("event").getString("id"))
                        .toList());
                assertEquals(List.of(ops, room).stream().sorted().toList(),
                        onBoth.stream().map(m -> m.getString("room")).sorted().toList());
                assertEquals(alert, onB.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));

                // a template without its value: dead-lettered with rule-failed, never dropped silently
                String orphanKey = Rooms.unique("orphan");
                events.send(orphanKey, "{\"specversion\":\"1.0\",\"id\":\"" + Events.nextId("orphan")
                        + "\",\"source\":\"/it\",\"type\":\"" + type + "\",\"data\":{\"other\":1}}");
                ConsumerRecord<String, byte[]> letter = DeadLetters.await(r -> orphanKey.equals(r.key()), 1, WAIT).get(0);
                assertEquals("rule-failed", DeadLetters.header(letter, "ces-dlq-reason"));
                assertTrue(DeadLetters.header(letter, "ces-dlq-detail").contains("{data.customerId}"),
                        DeadLetters.header(letter, "ces-dlq-detail"));

                // the rule changes on replica B: the next event goes to the new room only, on both replicas
                put = call(HTTP_B, "PUT", "/api/admin/routing-rules", admin, rules(type, alertType,
                        "vip-{data.customerId}", ops));
                assertEquals(200, put.statusCode(), put.body());
                awaitVersion(Gateway.HTTP, "/api/admin/routing-rules", admin,
                        json(put.body()).getJsonNumber("version").longValue());
                String vip = "vip-" + customer;
                try (WsClient vipA = WsClient.connect(Gateway.WS, userToken);
                        WsClient vipB = WsClient.connect(Gateway.WS_B, userToken)) {
                    for (WsClient client : List.of(vipA, vipB)) {
                        assertEquals("subscribed", client.subscribe(vip).getString("type"));
                    }
                    String second = Events.nextId("order");
                    events.send(customer, order(second, type, customer));
                    for (WsClient client : List.of(vipA, vipB)) {
                        JsonObject message = client.messages(1, WAIT).get(0);
                        assertEquals(vip, message.getString("room"));
                        assertEquals(second, message.getJsonObject("event").getString("id"));
                    }
                    String after = Events.nextId("marker");
                    events.send(customer, Events.roomEvent(after, room, "{}"));
                    assertEquals(after, onB.messages(1, WAIT).get(0).getJsonObject("event").getString("id"),
                            "the old room no longer gets the rule's events");
                    assertEquals(after, onA.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));
                }
            }
        } finally {
            HttpResponse<String> reset = call(Gateway.HTTP, "DELETE", "/api/admin/routing-rules", admin, null);
            assertEquals(200, reset.statusCode(), reset.body());
            assertEquals("configuration", json(reset.body()).getString("source"));
        }
    }

    @Test
    void invalidRulesAreRefusedWithEveryErrorAndChangeNothing() {
        String admin = TestTokens.admin(Rooms.unique("operator"));
        long before = json(call(Gateway.HTTP, "GET", "/api/admin/routing-rules", admin, null).body())
                .getJsonNumber("version").longValue();
        HttpResponse<String> bad = call(Gateway.HTTP, "PUT", "/api/admin/routing-rules", admin,
                "{\"rules\":[{\"name\":\"a\",\"when\":{},\"to\":[]},"
                        + "{\"name\":\"a\",\"when\":{},\"to\":[{\"room\":\"bad room-{data.x\"}]},"
                        + "{\"name\":\"b\",\"bogus\":1,\"when\":{\"type\":\"x\"},\"drop\":true}]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonArray errors = json(bad.body()).getJsonArray("errors");
        assertTrue(errors.size() >= 4, bad.body());
        assertTrue(errors.getString(0).startsWith("rules[0] \"a\""), bad.body());
        assertTrue(errors.toString().contains("used by an earlier rule"), bad.body());
        assertTrue(errors.toString().contains("unknown field \\\"bogus\\\""), bad.body());
        assertEquals(400, call(Gateway.HTTP, "PUT", "/api/admin/routing-rules", admin, "{\"rules\":").statusCode());
        assertEquals(before, json(call(Gateway.HTTP, "GET", "/api/admin/routing-rules", admin, null).body())
                .getJsonNumber("version").longValue(), "nothing changed");
        assertEquals(403, call(Gateway.HTTP, "GET", "/api/admin/routing-rules", TestTokens.user("rita", "cr_*"), null)
                .statusCode(), "operators only");
    }

    @Test
    void aTopicAddedAtRuntimeDeliversOnBothReplicasUntilRemoved() throws Exception {
        String admin = TestTokens.admin(Rooms.unique("operator"));
        String topic = "ces.it.dynamic." + Rooms.unique("t");
        createTopic(topic);
        String room = Rooms.unique("cr");
        String userToken = TestTokens.user("tina", "cr_*");
        try (Events events = new Events(); WsClient onA = WsClient.connect(Gateway.WS, userToken);
                WsClient onB = WsClient.connect(Gateway.WS_B, userToken)) {
            for (WsClient client : List.of(onA, onB)) {
                assertEquals("subscribed", client.subscribe(room).getString("type"));
            }
            HttpResponse<String> added = call(HTTP_B, "PUT", "/api/admin/topics/" + topic, admin, null);
            assertEquals(200, added.statusCode(), added.body());
            JsonObject document = json(added.body());
            assertTrue(document.getJsonArray("topics").toString().contains("\"" + topic + "\""), added.body());
            assertTrue(document.getJsonArray("topics").toString().contains("\"ces.events.more\""),
                    "the configured topic stays: " + added.body());
            awaitVersion(Gateway.HTTP, "/api/admin/topics", admin, document.getJsonNumber("version").longValue());

            String viaNewTopic = Events.nextId("dynamic");
            events.send(new ProducerRecord<>(topic, room,
                    Events.roomEvent(viaNewTopic, room, "{}").getBytes(StandardCharsets.UTF_8)));
            for (WsClient client : List.of(onA, onB)) {
                assertEquals(viaNewTopic, client.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));
            }

            HttpResponse<String> mainRemoved = call(Gateway.HTTP, "DELETE", "/api/admin/topics/ces.events", admin, null);
            assertEquals(400, mainRemoved.statusCode(), mainRemoved.body());
            assertTrue(mainRemoved.body().contains("main topic"), mainRemoved.body());
            assertEquals(400, call(Gateway.HTTP, "PUT", "/api/admin/topics/ces.events.dlq", admin, null).statusCode(),
                    "CES's own topics are not consumed as additional topics");

            HttpResponse<String> removed = call(Gateway.HTTP, "DELETE", "/api/admin/topics/" + topic, admin, null);
            assertEquals(200, removed.statusCode(), removed.body());
            assertTrue(!json(removed.body()).getJsonArray("topics").toString().contains(topic), removed.body());
            awaitVersion(HTTP_B, "/api/admin/topics", admin, json(removed.body()).getJsonNumber("version").longValue());
            Thread.sleep(3000); // both poll loops subscribe again and rebalance

            events.send(new ProducerRecord<>(topic, room,
                    Events.roomEvent(Events.nextId("gone"), room, "{}").getBytes(StandardCharsets.UTF_8)));
            String marker = Events.nextId("marker");
            events.send(room, Events.roomEvent(marker, room, "{}"));
            for (WsClient client : List.of(onA, onB)) {
                assertEquals(marker, client.messages(1, WAIT).get(0).getJsonObject("event").getString("id"),
                        "nothing from the removed topic");
            }
            for (WsClient client : List.of(onA, onB)) {
                assertTrue(client.drain(Duration.ofSeconds(2)).stream()
                        .noneMatch(f -> "message".equals(f.getString("type"))), "nothing from the removed topic later");
            }
        } finally {
            HttpResponse<String> reset = call(Gateway.HTTP, "DELETE", "/api/admin/topics", admin, null);
            assertEquals(200, reset.statusCode(), reset.body());
            assertEquals("configuration", json(reset.body()).getString("source"));
            assertEquals("[\"ces.events.more\"]", json(reset.body()).getJsonArray("topics").toString());
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheRuntimeSettings() throws InterruptedException {
        String yaml = "";
        for (int attempt = 0; attempt < 60 && !yaml.contains("/api/admin/routing-rules:"); attempt++) {
            yaml = Gateway.send(Gateway.request("/openapi").GET()).body();
            Thread.sleep(yaml.contains("/api/admin/routing-rules:") ? 0 : 500);
        }
        for (String expected : new String[] {"/api/admin/routing-rules:", "/api/admin/topics:",
            "/api/admin/topics/{topic}:", "orders-to-customers", "Routing rules"}) {
            assertTrue(yaml.contains(expected), "OpenAPI document mentions " + expected);
        }
    }

    private static String rules(String type, String alertType, String roomTemplate, String ops) {
        return "{\"rules\":["
                + "{\"name\":\"drop-internal\",\"when\":{\"type\":\"" + type + "\",\"header:x-internal\":\"true\"},"
                + "\"drop\":true},"
                + "{\"name\":\"orders-to-customers\",\"when\":{\"type\":\"" + type + "\"},"
                + "\"to\":[{\"room\":\"" + roomTemplate + "\"}]},"
                + "{\"name\":\"alerts\",\"when\":{\"type\":\"" + alertType + "\"},"
                + "\"to\":[{\"room\":\"" + ops + "\"},{\"room\":\"customer-{data.customerId}\"}]}]}";
    }

    /** An event of the type with no target attribute: only a rule can route it. */
    private static String order(String id, String type, String customer) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/it/orders\",\"type\":\"" + type + "\","
                + "\"data\":{\"customerId\":\"" + customer + "\"}}";
    }

    private static HttpResponse<String> call(String base, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Gateway.send(request);
    }

    /** Waits until the replica answers the version (or a later one): the change reached it through the topic. */
    private static void awaitVersion(String base, String path, String token, long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = -2;
        while (System.nanoTime() < deadline) {
            seen = json(call(base, "GET", path, token, null).body()).getJsonNumber("version").longValue();
            if (seen >= version) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(base + path + " still at version " + seen + ", expected " + version);
    }

    private static void createTopic(String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Gateway.KAFKA);
        try (Admin kafka = Admin.create(config)) {
            kafka.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all()
                    .get(20, TimeUnit.SECONDS);
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

}
