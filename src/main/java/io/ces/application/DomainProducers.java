package io.ces.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.ces.domain.session.SessionRegistry;

/** Makes the replica's one {@link SessionRegistry} injectable; it is plain Java, so CDI does not proxy it. */
@ApplicationScoped
public class DomainProducers {

    private final SessionRegistry registry = new SessionRegistry();

    @Produces
    @Singleton
    SessionRegistry sessionRegistry() {
        return registry;
    }
}
