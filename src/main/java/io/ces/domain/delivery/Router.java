package io.ces.domain.delivery;

import java.util.Collection;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.Target;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;

/**
 * Routes one event to the connections of its recipients: the subscribers of its room, one session, or every
 * session of one user. The frame is built only when there is at least one recipient, and only once.
 */
public final class Router {

    private final SessionRegistry registry;

    public Router(SessionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param seq the event's position in its room (the Kafka offset of its record)
     * @return the number of connections the frame was queued for
     */
    public int route(CloudEvent event, long seq) {
        Target target = event.target();
        return switch (target.kind()) {
            case ROOM -> {
                Collection<ClientSession> subscribers = registry.subscribersOf(target.id());
                yield subscribers.isEmpty() ? 0
                        : deliverToAll(subscribers, MessageFrames.forRoom(target.id(), seq, event.json()));
            }
            case SESSION -> {
                ClientSession session = registry.find(target.id());
                yield session != null && session.deliver(MessageFrames.forTarget(Target.Kind.SESSION, event.json())) ? 1 : 0;
            }
            case USER -> {
                Collection<ClientSession> sessions = registry.sessionsOf(target.id());
                yield sessions.isEmpty() ? 0
                        : deliverToAll(sessions, MessageFrames.forTarget(Target.Kind.USER, event.json()));
            }
        };
    }

    private static int deliverToAll(Collection<ClientSession> recipients, String frame) {
        int delivered = 0;
        for (ClientSession recipient : recipients) {
            if (recipient.deliver(frame)) {
                delivered++;
            }
        }
        return delivered;
    }
}
