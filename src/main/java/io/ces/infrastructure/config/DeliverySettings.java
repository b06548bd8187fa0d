package io.ces.infrastructure.config;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.delivery.AtLeastOnceRooms;

/**
 * The delivery guarantee per room ({@code ces.delivery.at-least-once.rooms}), checked at startup: a pattern that is
 * not a room pattern stops the deployment with a message that names the property.
 */
@ApplicationScoped
public class DeliverySettings {

    private static final Logger LOG = Logger.getLogger(DeliverySettings.class.getName());

    /** Optional: MicroProfile Config treats the empty default as missing. */
    @Inject
    @ConfigProperty(name = "ces.delivery.at-least-once.rooms")
    Optional<String> atLeastOnceSetting;

    private AtLeastOnceRooms atLeastOnceRooms;

    @PostConstruct
    void validate() {
        atLeastOnceRooms = AtLeastOnceRooms.parse(atLeastOnceSetting.orElse(""));
        if (!atLeastOnceRooms.isEmpty()) {
            LOG.info("CES0910I: rooms delivered at least once: " + atLeastOnceRooms);
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    @Produces
    public AtLeastOnceRooms atLeastOnceRooms() {
        return atLeastOnceRooms;
    }
}
