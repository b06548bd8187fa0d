package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The operator's metrics move with traffic: events consumed and delivered, the end-to-end latency histogram (Kafka
 * record timestamp to frame written), processing time, registrations, subscriptions and the consumer lag per
 * partition, in Prometheus format at /metrics.
 */
class MetricsIT {

    @Test
    void metricsMoveWithTraffic() throws Exception {
        double consumed = Metrics.sum("ces_events_consumed_total");
        double delivered = Metrics.sum("ces_events_delivered_total");
        double timed = Metrics.sum("ces_delivery_latency_seconds_count");
        double processed = Metrics.sum("ces_event_processing_seconds_count");
        double registrations = Metrics.sum("ces_session_registrations_total");
        String room = Rooms.unique("metrics");
        int events = 20;
        try (WsClient client = WsClient.connect(TestTokens.user(Rooms.unique("watcher"), room));
                Events producer = new Events()) {
            client.welcome();
            client.subscribe(room);
            assertTrue(Metrics.sum("ces_subscriptions") >= 1);
            assertTrue(Metrics.sum("ces_connections") >= 1);
            for (int i = 0; i < events; i++) {
                producer.send(room, Events.roomEvent(Events.nextId("metrics"), room, "{\"i\":" + i + "}"));
            }
            assertEquals(events, client.messages(events, Duration.ofSeconds(30)).size());
            Gateway.send(Gateway.request("/api/sessions").header("Authorization",
                    "Bearer " + TestTokens.user(Rooms.unique("registers"))).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        }
        awaitAtLeast("ces_events_delivered_total", delivered + events);
        assertTrue(Metrics.sum("ces_events_consumed_total") >= consumed + events);
        assertTrue(Metrics.sum("ces_delivery_latency_seconds_count") >= timed + events, "every delivery is timed");
        assertTrue(Metrics.sum("ces_event_processing_seconds_count") >= processed + events);
        assertTrue(Metrics.sum("ces_session_registrations_total") >= registrations + 1);
        assertTrue(Metrics.sum("ces_history_streams") >= 1, "the room's events are in history");
        assertTrue(Metrics.sum("ces_history_heap_bytes") >= events * 80, "each event counted with its overhead");

        String body = Gateway.send(Gateway.request("/metrics?scope=application").GET()).body();
        assertTrue(body.contains("ces_delivery_latency_seconds_bucket{"), "the latency histogram has buckets");
        assertTrue(body.contains("ces_cache_members"), "cache cluster size");
        assertEquals(2, Metrics.sum("ces_cache_members"), "both replicas in one cache cluster");
        // Lag is refreshed every 5 s: once this replica has routed and committed everything, it is 0 everywhere.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Gateway.send(Gateway.request("/metrics?scope=application").GET()).body()
                .contains("ces_kafka_consumer_lag{") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(Gateway.send(Gateway.request("/metrics?scope=application").GET()).body()
                .contains("ces_kafka_consumer_lag{"), "lag per partition");
        awaitAtMost("ces_kafka_consumer_lag", 0);
    }

    /** The Grafana dashboard in docs/grafana charts only series that CES publishes. */
    @Test
    void theDashboardUsesOnlyPublishedMetrics() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docs/grafana/ces-dashboard.json"));
        jakarta.json.JsonObject parsed = jakarta.json.Json.createReader(new java.io.StringReader(dashboard)).readObject();
        assertTrue(parsed.getJsonArray("panels").size() >= 8, "a panel per area");
        String published = Gateway.send(Gateway.request("/metrics?scope=application").GET()).body();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("ces_[a-z_]+").matcher(dashboard);
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (names.find()) {
            used.add(names.group());
        }
        assertTrue(used.size() >= 10, used.toString());
        for (String name : used) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + name + "[{ ]").matcher(published).find()
                    || name.equals("ces_kafka_consumer_lag") && published.contains("ces_kafka_consumer_lag{"),
                    name + " is charted but not published");
        }
    }

    private static void awaitAtLeast(String metric, double wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Metrics.sum(metric) < wanted && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Metrics.sum(metric) >= wanted, metric + " reached " + wanted);
    }

    private static void awaitAtMost(String metric, double wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Metrics.sum(metric) > wanted && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(Metrics.sum(metric) <= wanted, metric + " came down to " + wanted);
    }
}
