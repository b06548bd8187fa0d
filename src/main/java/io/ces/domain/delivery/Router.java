package io.ces.domain.delivery;

import java.util.Collection;

import io.ces.domain.event.CloudEvent;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.session.ClientSession;
import io.ces.domain.session.SessionRegistry;

/**
 * Routes one event: records it in its stream's history, then hands its frame to the recipients' connections: the
 * subscribers of its room, one session, or every session of one user. The frame is built only when there is at
 * least one recipient, and only once.
 */
public final class Router {

    private final SessionRegistry registry;
    private final EventHistory history;
    private final ConflationPolicy conflation;

    public Router(SessionRegistry registry, EventHistory history) {
        this(registry, history, ConflationPolicy.NONE);
    }

    public Router(SessionRegistry registry, EventHistory history, ConflationPolicy conflation) {
        this.registry = registry;
        this.history = history;
        this.conflation = conflation;
    }

    /**
     * @param seq the event's position in its stream: the offset of its record in {@code partition} of {@code topic}
     * @return the number of connections the frame was queued for (or held for, during a recovery)
     */
    public int route(CloudEvent event, String topic, int partition, long seq) {
        return route(event, topic, partition, seq, 0);
    }

    /**
     * As above; {@code recordTimestampMillis}, the time of the event's Kafka record, times each delivery up to the
     * moment its frame is written (0: not timed).
     */
    public int route(CloudEvent event, String topic, int partition, long seq, long recordTimestampMillis) {
        return route(event, topic, partition, seq, recordTimestampMillis, null);
    }

    /**
     * As above; {@code recordKey}, the Kafka record's key, is the event's conflation key in a conflated room unless
     * the event names one itself ({@link ConflationKeys}).
     */
    public int route(CloudEvent event, String topic, int partition, long seq, long recordTimestampMillis,
            String recordKey) {
        Target target = event.target();
        // Recorded before delivery: a recovery that starts meanwhile finds it in history or holds it, never misses it.
        history.record(target, topic, partition, seq, event.json());
        return switch (target.kind()) {
            case ROOM -> deliverToRoom(target.id(), topic, partition, seq, event.json(), recordTimestampMillis,
                    recordKey);
            case SESSION -> {
                ClientSession session = registry.find(target.id());
                yield session != null && session.deliverTargetedEvent(Target.Kind.SESSION, topic, partition, seq,
                        MessageFrames.forTarget(Target.Kind.SESSION, seq, event.json()), recordTimestampMillis) ? 1 : 0;
            }
            case USER -> deliverToUser(target.id(), topic, partition, seq, event.json(), recordTimestampMillis);
        };
    }

    private int deliverToRoom(String room, String topic, int partition, long seq, String eventJson,
            long recordTimestampMillis, String recordKey) {
        Collection<ClientSession> subscribers = registry.subscribersOf(room);
        if (subscribers.isEmpty()) {
            return 0;
        }
        String frame = MessageFrames.forRoom(room, seq, eventJson);
        String conflationKey = conflation.isEnabled() ? conflation.queueKey(room, recordKey, eventJson) : null;
        int delivered = 0;
        for (ClientSession subscriber : subscribers) {
            if (subscriber.deliverRoomEvent(room, topic, partition, seq, frame, recordTimestampMillis,
                    conflationKey)) {
                delivered++;
            }
        }
        return delivered;
    }

    private int deliverToUser(String userId, String topic, int partition, long seq, String eventJson,
            long recordTimestampMillis) {
        Collection<ClientSession> sessions = registry.sessionsOf(userId);
        if (sessions.isEmpty()) {
            return 0;
        }
        String frame = MessageFrames.forTarget(Target.Kind.USER, seq, eventJson);
        int delivered = 0;
        for (ClientSession session : sessions) {
            if (session.deliverTargetedEvent(Target.Kind.USER, topic, partition, seq, frame, recordTimestampMillis)) {
                delivered++;
            }
        }
        return delivered;
    }
}
