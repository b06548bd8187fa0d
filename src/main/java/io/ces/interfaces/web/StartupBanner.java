package io.ces.interfaces.web;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.infrastructure.config.GatewaySettings;
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
    DevTokenIssuer devTokens;

    @Inject
    GatewaySettings settings;

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        StringBuilder banner = new StringBuilder("CES0001I: CES is ready.\n")
                .append("  WebSocket:  ws://localhost:").append(httpPort).append("/ws")
                .append("   wss://localhost:").append(httpsPort).append("/ws\n")
                .append("  REST API:   http://localhost:").append(httpPort).append("/api/sessions")
                .append("   (OpenAPI: /openapi/ui)\n")
                .append("  Kafka:      ").append(bootstrap).append(", topic ").append(topic).append('\n');
        if (devTokens.isEnabled()) {
            banner.append("  Demo page:  http://localhost:").append(httpPort).append("/\n")
                    .append("  Token:      curl -s -XPOST localhost:").append(httpPort)
                    .append("/dev/token -d '{\"sub\":\"alice\",\"rooms\":[\"cr_*\"]}'\n");
        }
        LOG.info(banner.toString());
    }
}
