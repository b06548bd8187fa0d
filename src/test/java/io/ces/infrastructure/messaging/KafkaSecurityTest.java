package io.ces.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void plaintextGetsOnlyTheProtocol() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaSecurity.plaintext().clientProperties());
    }

    @Test
    void blankSettingsMeanPlaintext() {
        KafkaSecurity security = new KafkaSecurity("", "", "", "", "", "", "");
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), security.clientProperties());
    }

    @Test
    void scramBuildsTheScramLoginModuleLine() {
        Map<String, String> properties = new KafkaSecurity("sasl_plaintext", "scram-sha-512", "ces", "s3cret",
                "", "", "PKCS12").clientProperties();
        assertEquals("SASL_PLAINTEXT", properties.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", properties.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ces\" "
                + "password=\"s3cret\";", properties.get("sasl.jaas.config"));
        assertFalse(properties.containsKey("ssl.truststore.location"), "no TLS on SASL_PLAINTEXT");
    }

    @Test
    void plainOverTlsBuildsThePlainLoginModuleLineAndTheTruststore() {
        Map<String, String> properties = new KafkaSecurity("SASL_SSL", "PLAIN", "ces", "pw",
                "/etc/ces/kafka-ca.p12", "storepw", "PKCS12").clientProperties();
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"ces\" "
                + "password=\"pw\";", properties.get("sasl.jaas.config"));
        assertEquals("/etc/ces/kafka-ca.p12", properties.get("ssl.truststore.location"));
        assertEquals("storepw", properties.get("ssl.truststore.password"));
        assertEquals("PKCS12", properties.get("ssl.truststore.type"));
    }

    @Test
    void sslWithoutATruststoreKeepsTheJvmDefault() {
        Map<String, String> properties = new KafkaSecurity("SSL", "", "", "", "", "", "PKCS12").clientProperties();
        assertEquals(Map.of("security.protocol", "SSL"), properties);
    }

    @Test
    void unknownProtocolOrMechanismIsRefusedByName() {
        var protocol = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("TLS", "", "", "", "", "", ""));
        assertTrue(protocol.getMessage().contains("ces.kafka.security-protocol"));
        var mechanism = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("SASL_SSL", "GSSAPI", "u", "p", "", "", ""));
        assertTrue(mechanism.getMessage().contains("ces.kafka.sasl.mechanism"));
    }

    @Test
    void saslNeedsCredentialsThatTheJaasLineCanCarry() {
        assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("SASL_PLAINTEXT", "PLAIN", "", "p", "", "", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("SASL_PLAINTEXT", "PLAIN", "u", "", "", "", ""));
        var quote = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("SASL_PLAINTEXT", "PLAIN", "u", "a\"b", "", "", ""));
        assertFalse(quote.getMessage().contains("a\"b"), "the password never appears in a message");
    }

    @Test
    void toStringHidesThePassword() {
        String text = new KafkaSecurity("SASL_SSL", "SCRAM-SHA-256", "ces", "topsecret", "/ca.p12", "storesecret",
                "PKCS12").toString();
        assertFalse(text.contains("topsecret"));
        assertFalse(text.contains("storesecret"));
        assertTrue(text.contains("SCRAM-SHA-256"));
    }
}
