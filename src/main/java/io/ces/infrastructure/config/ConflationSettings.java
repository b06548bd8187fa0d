package io.ces.infrastructure.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.delivery.ConflationPolicy;
import io.ces.domain.delivery.ConflationWindow;

/**
 * The conflation settings ({@code ces.conflation.*}), read once and checked at startup like {@link GatewaySettings}:
 * a bad value stops the deployment with a message that names the property.
 */
@ApplicationScoped
public class ConflationSettings {

    static final long MAX_WINDOW_MILLIS = 60_000;

    @Inject
    @ConfigProperty(name = "ces.conflation.rooms")
    Optional<String> rooms;

    @Inject
    @ConfigProperty(name = "ces.conflation.window-ms", defaultValue = "1000")
    long windowMillis;

    private ConflationPolicy policy;

    @PostConstruct
    void validate() {
        if (windowMillis < 0 || windowMillis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("ces.conflation.window-ms must be between 0 and " + MAX_WINDOW_MILLIS
                    + ", was " + windowMillis);
        }
        List<String> patterns = Arrays.stream(rooms.orElse("").split(","))
                .map(String::trim)
                .filter(pattern -> !pattern.isEmpty())
                .toList();
        try {
            policy = ConflationPolicy.forRooms(patterns);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("ces.conflation.rooms: " + invalid.getMessage(), invalid);
        }
    }

    /** Creating the bean at startup makes a bad value stop the deployment instead of failing a later event. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct validates
    }

    /** The conflated rooms; {@link ConflationPolicy#NONE} when none is configured. */
    public ConflationPolicy policy() {
        return policy;
    }

    /** When a connection counts as slow, on the system clock, telling {@code conflated} of every replaced event. */
    public ConflationWindow window(ConflationWindow.EventsConflated conflated) {
        return new ConflationWindow(TimeUnit.MILLISECONDS.toNanos(windowMillis), System::nanoTime, conflated);
    }
}
