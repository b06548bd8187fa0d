package io.ces.application;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.deadletter.DeadLetter;
import io.ces.domain.deadletter.DeadLetterClaims;
import io.ces.domain.deadletter.DeadLetterPublisher;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * Accounts for every record CES does not deliver: it is logged, counted, and written once (by one replica) to the
 * dead-letter topic. The returned stage completes when the dead letter is stored, so that the record's offset is
 * committed only then.
 */
@ApplicationScoped
public class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class.getName());
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    DeadLetterPublisher publisher;

    @Inject
    DeadLetterClaims claims;

    @Inject
    GatewayMetrics metrics;

    private final Clock clock = Clock.systemUTC();

    /** A record refused on arrival. */
    public CompletionStage<Void> refuse(InboundRecord record, RejectionReason reason, String detail) {
        return deadLetter(DeadLetter.refused(record, reason, detail, clock.instant()));
    }

    public CompletionStage<Void> deadLetter(DeadLetter letter) {
        metrics.eventRejected(letter.reason().code());
        LOG.log(Level.WARNING, "CES0101W: record {0} rejected ({1}): {2}",
                new Object[] {letter.original().position(), letter.reason().code(), letter.detail()});
        boolean mine;
        try {
            mine = claims.claim(letter.claimKey());
        } catch (RuntimeException cacheUnavailable) {
            // A dead letter written twice is better than one lost: write it.
            LOG.log(Level.FINE, "no claim on " + letter.claimKey(), cacheUnavailable);
            mine = true;
        }
        if (!mine) {
            return DONE;
        }
        return publisher.publish(letter).whenComplete((written, error) -> {
            if (error == null) {
                metrics.deadLettered(letter.reason().code());
            } else {
                LOG.log(Level.SEVERE, "CES0108E: record " + letter.original().position()
                        + " could not be written to the dead-letter topic; it will be read again after a restart",
                        error);
            }
        });
    }
}
