package io.ces.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.ces.infrastructure.cache.HazelcastMember;
import io.ces.infrastructure.lifecycle.TerminationSignal;
import io.ces.infrastructure.messaging.ConsumerAssignment;

/**
 * Ready to take clients: the brokers answer and this replica holds partitions of the events topic (without them it
 * would accept subscriptions it cannot serve), the cache cluster accepts writes (sessions live there), and the
 * replica is not stopping.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ConsumerAssignment kafka;

    @Inject
    HazelcastMember cache;

    @Inject
    TerminationSignal termination;

    @Override
    public HealthCheckResponse call() {
        ConsumerAssignment.Status assignment = kafka.status();
        boolean cacheHealthy = cache.isHealthy();
        boolean stopping = termination.isTerminating();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ces-ready")
                .status(assignment.reachable() && assignment.assignedPartitions() > 0 && cacheHealthy && !stopping)
                .withData("kafka.reachable", assignment.reachable())
                .withData("kafka.assignedPartitions", assignment.assignedPartitions())
                .withData("kafka.checkedAt", assignment.checkedAt().toString())
                .withData("cache.healthy", cacheHealthy)
                .withData("cache.members", cacheHealthy ? cache.clusterSize() : 0)
                .withData("stopping", stopping);
        if (assignment.problem() != null) {
            response.withData("kafka.problem", assignment.problem());
        }
        return response.build();
    }
}
