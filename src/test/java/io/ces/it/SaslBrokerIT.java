package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/**
 * The build's broker has a SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) next to the plaintext one,
 * and replica B reaches Kafka only through it with SCRAM-SHA-512 (src/test/liberty/replica-b.env): the listener
 * refuses a wrong password, and B still consumes and delivers, without ever writing its password to its log.
 */
class SaslBrokerIT {

    private static final String SASL_BOOTSTRAP = System.getProperty("ces.kafka.sasl.bootstrap-servers",
            "127.0.0.1:19094");
    private static final String USER = System.getProperty("ces.kafka.sasl.username", "ces-b");
    private static final String PASSWORD = System.getProperty("ces.kafka.sasl.password", "ces-b-sasl-secret");
    private static final Path REPLICA_B = Path.of(System.getProperty("ces.liberty.dir", "target/liberty/wlp"),
            "usr/servers/ces-b");

    @Test
    void theSaslListenerAcceptsTheRightPasswordWithEveryMechanism() throws Exception {
        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")) {
            try (Admin admin = Admin.create(sasl(mechanism, PASSWORD))) {
                assertTrue(admin.listTopics().names().get(20, TimeUnit.SECONDS).contains(Events.TOPIC), mechanism);
            }
        }
    }

    @Test
    void theSaslListenerRefusesAWrongPassword() {
        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
            try (Admin admin = Admin.create(sasl(mechanism, PASSWORD + "-wrong"))) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> admin.listTopics().names().get(20, TimeUnit.SECONDS), mechanism);
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), mechanism);
            }
        }
    }

    @Test
    void replicaBIsConfiguredForScramOnTheSaslListenerAndSaysSoWithoutItsPassword() throws Exception {
        String serverEnv = Files.readString(REPLICA_B.resolve("server.env"));
        assertTrue(serverEnv.contains("CES_KAFKA_BOOTSTRAP_SERVERS=" + SASL_BOOTSTRAP), serverEnv);
        assertTrue(serverEnv.contains("CES_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT"), serverEnv);

        String log = Files.readString(REPLICA_B.resolve("logs/messages.log"));
        assertTrue(log.contains("Kafka:      " + SASL_BOOTSTRAP + ", topic " + Events.TOPIC
                + ", KafkaSecurity[protocol=SASL_PLAINTEXT, mechanism=SCRAM-SHA-512, username=" + USER
                + ", password=***]"), "the CES0001I banner of replica B names its Kafka security");
        assertFalse(log.contains(PASSWORD), "replica B's log never shows its Kafka password");
    }

    @Test
    void replicaBConsumesThroughSaslAndDelivers() throws Exception {
        String room = Rooms.unique("cr");
        try (WsClient onB = WsClient.connect(Gateway.WS_B, TestTokens.user(Rooms.unique("sasl"), "cr_*"));
                Events events = new Events()) {
            onB.welcome();
            assertEquals("subscribed", onB.subscribe(room).getString("type"));
            String id = Events.nextId("sasl");
            events.send(room, Events.roomEvent(id, room, "{\"via\":\"plaintext producer\"}"));
            JsonObject delivered = onB.messages(1, Duration.ofSeconds(30)).get(0);
            assertEquals(id, delivered.getJsonObject("event").getString("id"));
        }
        try (Admin admin = Admin.create(sasl("SCRAM-SHA-512", PASSWORD))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("ces-gateway-replica-b"))
                    .all().get(20, TimeUnit.SECONDS).get("ces-gateway-replica-b");
            assertEquals(GroupState.STABLE, group.groupState());
            assertFalse(group.members().isEmpty(), "replica B's events consumer is a member of its group");
        }
    }

    private static Properties sasl(String mechanism, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SASL_BOOTSTRAP);
        p.setProperty(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", mechanism);
        p.setProperty("sasl.jaas.config", module + " required username=\"" + USER + "\" password=\"" + password + "\";");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }
}
