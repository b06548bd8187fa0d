package io.ces.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The receipts topic ({@code ces.kafka.receipts-topic}), checked at startup. */
@ApplicationScoped
public class ReceiptSettings {

    @Inject
    @ConfigProperty(name = "ces.kafka.receipts-topic", defaultValue = "ces.receipts")
    String topic;

    @PostConstruct
    void validate() {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("ces.kafka.receipts-topic must not be blank");
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    public String topic() {
        return topic;
    }
}
