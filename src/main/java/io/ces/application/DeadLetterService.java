package io.ces.application;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import io.ces.domain.deadletter.DeadLetter;
import io.ces.domain.deadletter.DeadLetterClaims;
import io.ces.domain.deadletter.DeadLetterPublisher;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.RejectionReason;
import io.ces.infrastructure.logging.LogFields;
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

    /** A record refused on arrival; {@code fields} name the event as far as it could be read. */
    public CompletionStage<Void> refuse(InboundRecord record, LogFields fields, RejectionReason reason, String detail) {
        return deadLetter(DeadLetter.refused(record, reason, detail, clock.instant()), fields);
    }

    public CompletionStage<Void> deadLetter(DeadLetter letter) {
        return deadLetter(letter, LogFields.none());
    }

    /**
     * @param fields what the log lines about this dead letter carry besides the record's position and the subject
     *               (the expired session); the current span, if any, adds the trace id
     */
    public CompletionStage<Void> deadLetter(DeadLetter letter, LogFields fields) {
        metrics.eventRejected(letter.reason().code());
        fields.record(letter.original().position());
        if (letter.reason() == RejectionReason.SESSION_EXPIRED) {
            fields.session(letter.subject());
        }
        fields.log(LOG, Level.WARNING, "CES0101W: record " + letter.original().position() + " rejected ("
                + letter.reason().code() + "): " + letter.detail());
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
        Context trace = Context.current(); // the producer's callback thread has no span of its own
        return publisher.publish(letter).whenComplete((written, error) -> {
            if (error == null) {
                metrics.deadLettered(letter.reason().code());
                return;
            }
            try (Scope scope = trace.makeCurrent()) {
                fields.log(LOG, Level.SEVERE, "CES0108E: record " + letter.original().position()
                        + " could not be written to the dead-letter topic; it will be read again after a restart",
                        error);
            }
        });
    }
}
