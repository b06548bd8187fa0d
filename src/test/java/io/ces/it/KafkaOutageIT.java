package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Readiness follows the broker: the build's broker is stopped (SIGTERM, as an operator or Kubernetes would), both
 * replicas report not ready with the reason, and once the broker is started again on the same data they are ready
 * again and deliver. Runs after every other integration test (an execution of its own in pom.xml), since the
 * others need the broker.
 */
class KafkaOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void readinessGoesDownWhenKafkaStopsAndComesBackWithIt() throws Exception {
        for (int port : List.of(Gateway.HTTP_PORT, Gateway.HTTP_PORT_B)) {
            assertEquals(200, awaitReadiness(port, 200).statusCode(), "ready before the outage");
        }
        ProcessHandle broker = buildBroker();
        List<String> commandLine = new ArrayList<>(commandLineOf(broker));
        assertTrue(broker.destroy(), "SIGTERM to the broker");
        broker.onExit().get(60, TimeUnit.SECONDS);

        for (int port : List.of(Gateway.HTTP_PORT, Gateway.HTTP_PORT_B)) {
            HttpResponse<String> down = awaitReadiness(port, 503);
            JsonObject check = readinessCheck(down.body());
            assertEquals("DOWN", check.getString("status"));
            assertEquals(false, check.getJsonObject("data").getBoolean("kafka.reachable"), down.body());
        }

        // The same broker again, on the same data; it ends with the build, like the one it replaces.
        commandLine.add("--stop-when-gone=" + ProcessHandle.current().parent().orElseThrow().pid());
        new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("target/kafka-restarted.log")))
                .start();

        for (int port : List.of(Gateway.HTTP_PORT, Gateway.HTTP_PORT_B)) {
            HttpResponse<String> up = awaitReadiness(port, 200);
            JsonObject check = readinessCheck(up.body());
            assertTrue(check.getJsonObject("data").getInt("kafka.assignedPartitions") > 0, up.body());
        }
        String room = Rooms.unique("after-outage");
        try (WsClient client = WsClient.connect(TestTokens.user(Rooms.unique("back"), room));
                Events events = new Events()) {
            client.welcome();
            client.subscribe(room);
            String id = Events.nextId("after-outage");
            events.send(room, Events.roomEvent(id, room, "{}"));
            assertEquals(id, client.messages(1, WAIT).get(0).getJsonObject("event").getString("id"));
        }
    }

    private static ProcessHandle buildBroker() {
        String port = "--port=" + Gateway.KAFKA.substring(Gateway.KAFKA.lastIndexOf(':') + 1);
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    List<String> args = commandLineOf(p);
                    return args.contains("io.ces.devtools.LocalKafkaBroker") && args.contains("start")
                            && args.contains(port);
                })
                .findFirst().orElseThrow(() -> new AssertionError("the build's broker process is not found"));
    }

    /** The whole command line, read from /proc: ProcessHandle.Info cuts long ones (the broker's class path is). */
    private static List<String> commandLineOf(ProcessHandle process) {
        try {
            String raw = new String(java.nio.file.Files.readAllBytes(
                    java.nio.file.Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException | SecurityException gone) {
            return List.of();
        }
    }

    private static HttpResponse<String> awaitReadiness(int port, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = Gateway.HTTP_CLIENT.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException notAnswering) {
                // the replica is busy or restarting its consumer: ask again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("readiness of port " + port + " did not become " + status + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static JsonObject readinessCheck(String body) {
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("checks").stream()
                .map(JsonObject.class::cast).filter(c -> "ces-ready".equals(c.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no ces-ready check in " + body));
    }
}
