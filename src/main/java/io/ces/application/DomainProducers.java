package io.ces.application;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ces.domain.history.EventHistory;
import io.ces.domain.session.SessionRegistry;
import io.ces.infrastructure.config.GatewaySettings;

/**
 * Makes the replica's one {@link SessionRegistry} and one {@link EventHistory} injectable; they are plain Java, so
 * CDI does not proxy them.
 */
@ApplicationScoped
public class DomainProducers {

    private final SessionRegistry registry = new SessionRegistry();

    @Inject
    GatewaySettings settings;

    @Produces
    @Singleton
    SessionRegistry sessionRegistry() {
        return registry;
    }

    @Produces
    @Singleton
    EventHistory eventHistory() {
        return new EventHistory(settings.historyLimits(), Clock.systemUTC());
    }
}
