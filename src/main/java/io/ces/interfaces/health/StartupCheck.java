package io.ces.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import io.ces.application.EventSchemas;
import io.ces.infrastructure.cache.HazelcastMember;

/**
 * Started: the application is deployed, its cache member joined and its schema folder loaded (both happen at
 * startup and stop the deployment when they fail), so Kubernetes may begin the liveness and readiness probes.
 */
@Startup
@ApplicationScoped
public class StartupCheck implements HealthCheck {

    @Inject
    HazelcastMember cache;

    @Inject
    EventSchemas schemas;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    @Override
    public HealthCheckResponse call() {
        boolean cacheRunning = cache.isHealthy();
        return HealthCheckResponse.named("ces-started").status(cacheRunning)
                .withData("replica", replicaId)
                .withData("cache.member", cacheRunning ? cache.address() : "not running")
                .withData("schemas", schemas.loadedSchemas())
                .build();
    }
}
