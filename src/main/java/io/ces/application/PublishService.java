package io.ces.application;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.publish.EventPosition;
import io.ces.domain.publish.EventPublisher;
import io.ces.domain.publish.OutgoingEvent;
import io.ces.domain.publish.PublishRequest;
import io.ces.domain.session.Caller;
import io.ces.infrastructure.config.PublishSettings;

/**
 * Publishes a client's event to a room: allowed to whoever may join the room, written to the event topic keyed by
 * the room, and answered only once the broker has acknowledged it, so that an accepted event is never lost.
 */
@ApplicationScoped
public class PublishService {

    @Inject
    RoomAuthorization authorization;

    @Inject
    EventPublisher publisher;

    @Inject
    PublishSettings settings;

    private final Clock clock = Clock.systemUTC();

    /** The event as written and where. */
    public record Receipt(OutgoingEvent event, EventPosition position) {
    }

    public Receipt publish(Caller caller, PublishRequest request) {
        if (!authorization.mayJoin(caller, request.room())) {
            throw new RoomForbiddenException(request.room());
        }
        OutgoingEvent event = OutgoingEvent.build(request, settings.source(), caller.userId(), clock.instant(),
                () -> UUID.randomUUID().toString());
        try {
            EventPosition position = publisher.publish(event).toCompletableFuture()
                    .get(settings.timeoutSeconds(), TimeUnit.SECONDS);
            return new Receipt(event, position);
        } catch (ExecutionException failed) {
            throw new PublishFailedException("the broker did not accept the event: " + failed.getCause(), failed);
        } catch (TimeoutException slow) {
            throw new PublishFailedException("the broker did not acknowledge the event within "
                    + settings.timeoutSeconds() + " s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for the broker", interrupted);
        }
    }
}
