package io.ces.infrastructure.messaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How CES authenticates to and encrypts its connections with Kafka, from the {@code ces.kafka.security-protocol},
 * {@code ces.kafka.sasl.*} and {@code ces.kafka.ssl.truststore.*} settings: the Kafka client properties that every
 * client CES creates receives. The liberty-kafka channel gets the same values through expressions in
 * microprofile-config.properties, so the JAAS line built here and there must stay the same.
 *
 * <p>{@link #toString()} never shows the passwords.
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password,
        String truststoreLocation, String truststorePassword, String truststoreType) {

    public static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    public KafkaSecurity {
        protocol = protocol == null || protocol.isBlank() ? "PLAINTEXT" : protocol.trim().toUpperCase(Locale.ROOT);
        mechanism = mechanism == null || mechanism.isBlank() ? "PLAIN" : mechanism.trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("ces.kafka.security-protocol must be one of " + PROTOCOLS + ", not "
                    + protocol);
        }
        if (usesSasl(protocol)) {
            if (!LOGIN_MODULES.containsKey(mechanism)) {
                throw new IllegalArgumentException("ces.kafka.sasl.mechanism must be one of " + LOGIN_MODULES.keySet()
                        + ", not " + mechanism);
            }
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("ces.kafka.sasl.username is required with " + protocol);
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("ces.kafka.sasl.password is required with " + protocol);
            }
            // The JAAS line of the liberty-kafka channel is built by a config expression, which cannot escape.
            if (containsAny(username, "\"\\") || containsAny(password, "\"\\")) {
                throw new IllegalArgumentException(
                        "ces.kafka.sasl.username and ces.kafka.sasl.password must not contain '\"' or '\\'");
            }
        }
    }

    /** Plain connections, as without any security settings. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity("PLAINTEXT", "PLAIN", "", "", "", "", "");
    }

    /** The client properties: only those that apply to the protocol, so a plaintext client gets no SASL noise. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", protocol);
        if (usesSasl(protocol)) {
            properties.put("sasl.mechanism", mechanism);
            properties.put("sasl.jaas.config", jaasConfig());
        }
        if (usesTls(protocol) && truststoreLocation != null && !truststoreLocation.isBlank()) {
            properties.put("ssl.truststore.location", truststoreLocation);
            if (truststorePassword != null && !truststorePassword.isEmpty()) {
                properties.put("ssl.truststore.password", truststorePassword);
            }
            if (truststoreType != null && !truststoreType.isBlank()) {
                properties.put("ssl.truststore.type", truststoreType);
            }
        }
        return properties;
    }

    /** The {@code sasl.jaas.config} line for the mechanism: Kafka's own login module with the credentials. */
    String jaasConfig() {
        return LOGIN_MODULES.get(mechanism) + " required username=\"" + username + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + protocol + (usesSasl(protocol) ? ", mechanism=" + mechanism
                + ", username=" + username + ", password=***" : "")
                + (usesTls(protocol) ? ", truststore=" + truststoreLocation : "") + "]";
    }

    private static boolean usesSasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    private static boolean usesTls(String protocol) {
        return protocol.endsWith("SSL");
    }

    private static boolean containsAny(String text, String characters) {
        return text != null && text.chars().anyMatch(c -> characters.indexOf(c) >= 0);
    }
}
