package io.ces.interfaces.web;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.messaging.KafkaClientSettings;
import io.ces.infrastructure.security.DevTokenIssuer;

/** Tells whoever started CES where to connect, once the application is up. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    String httpPort;

    @Inject
    @ConfigProperty(name = "https.port", defaultValue = "9443")
    String httpsPort;

    @Inject
    @ConfigProperty(name = "ces.kafka.topic")
    String topic;

    @Inject
    @ConfigProperty(name = "ces.kafka.bootstrap-servers")
    String bootstrap;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    DevTokenIssuer devTokens;

    @Inject
    GatewaySettings settings;

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // http.port=-1 switches plain HTTP off (docs/configuration.md#transport-security).
        boolean plainHttp = !httpPort.trim().startsWith("-");
        String http = plainHttp ? "http://localhost:" + httpPort : "https://localhost:" + httpsPort;
        StringBuilder banner = new StringBuilder("CES0001I: CES is ready.\n")
                .append("  WebSocket:  ").append(plainHttp ? "ws://localhost:" + httpPort + "/ws   " : "")
                .append("wss://localhost:").append(httpsPort).append("/ws\n")
                .append("  REST API:   ").append(http).append("/api/sessions")
                .append("   (OpenAPI: /openapi/ui)\n")
                .append("  Kafka:      ").append(bootstrap).append(", topic ").append(topic)
                .append(", ").append(kafka.security()).append('\n');
        if (devTokens.isEnabled()) {
            banner.append("  Demo page:  ").append(http).append("/\n")
                    .append("  Token:      curl -s").append(plainHttp ? "" : "k").append(" -XPOST ").append(http)
                    .append("/dev/token -d '{\"sub\":\"alice\",\"rooms\":[\"cr_*\"]}'\n");
        }
        LOG.info(banner.toString());
    }
}
