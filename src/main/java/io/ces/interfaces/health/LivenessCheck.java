package io.ces.interfaces.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.ces.domain.session.SessionRegistry;

/**
 * Alive: the replica answers. Liveness does not depend on Kafka or the cache, since restarting a replica fixes
 * neither; readiness takes it out of the Service meanwhile. The data says how loaded it is.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private static final long MIB = 1024 * 1024;

    @Inject
    SessionRegistry sessions;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return HealthCheckResponse.named("ces-live").up()
                .withData("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .withData("heapUsedMiB", heap.getUsed() / MIB)
                .withData("heapMaxMiB", heap.getMax() / MIB)
                .withData("connections", sessions.connectedCount())
                .withData("sessions", sessions.sessionCount())
                .build();
    }
}
