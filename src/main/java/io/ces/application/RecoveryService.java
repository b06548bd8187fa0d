package io.ces.application;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.delivery.CursorPosition;
import io.ces.domain.delivery.MessageFrames;
import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.delivery.ResumePlan;
import io.ces.domain.delivery.StreamCursor;
import io.ces.domain.event.EventHeaders;
import io.ces.domain.event.InboundRecord;
import io.ces.domain.event.Target;
import io.ces.domain.history.EventHistory;
import io.ces.domain.history.HistoryEntry;
import io.ces.domain.history.HistorySource;
import io.ces.domain.history.Replay;
import io.ces.domain.history.StreamLocation;
import io.ces.domain.session.ClientSession;
import io.ces.infrastructure.logging.LogFields;
import io.ces.infrastructure.metrics.GatewayMetrics;

/**
 * Recovers a stream for a session after a position: from this replica's history when it proves completeness, else
 * from Kafka by position. Runs off the caller's thread, since reading Kafka may take a while; the stream's cursor
 * holds live events meanwhile and releases them after the replay, so the seam has no gap and no duplicate.
 */
@ApplicationScoped
public class RecoveryService {

    private static final Logger LOG = Logger.getLogger(RecoveryService.class.getName());

    /** Builds the frame that announces a recovery's outcome, queued just before the replayed events. */
    @FunctionalInterface
    public interface Announcement {
        String frame(boolean recovered, int replayed);
    }

    @Inject
    EventHistory history;

    @Inject
    HistorySource kafka;

    @Inject
    GatewayMetrics metrics;

    @Resource
    ManagedExecutorService executor;

    /**
     * A cursor at the position a stream is at now, from which a new subscription starts: the last offset this
     * replica routed in the stream's partition, or, for a partition it has not routed yet, the partition's last
     * offset in Kafka. Events produced before the subscription are not owed to it; everything after is. Should the
     * stream's events come from another partition (an additional topic), the cursor restarts there.
     */
    public StreamCursor startNow(Target stream) {
        StreamCursor cursor = new StreamCursor(-1);
        StreamLocation known = history.locate(stream);
        if (known != null) {
            cursor.startAfter(known.topic(), known.partition(), history.lastOffset(known.topic(), known.partition()));
            return cursor;
        }
        try {
            StreamLocation location = kafka.partitionOf(stream);
            if (location != null) {
                long routed = history.lastOffset(location.topic(), location.partition());
                cursor.startAfter(location.topic(), location.partition(),
                        routed >= 0 ? routed : kafka.lastOffset(location));
            }
        } catch (RuntimeException e) {
            LogFields.none().target(stream).log(LOG, Level.FINE, "could not locate " + LogFields.describe(stream), e);
        }
        return cursor;
    }

    /**
     * How many events addressed to the session arrived after the last one it received: what an expiring session
     * leaves undelivered, as far as this replica's history knows.
     */
    /**
     * The events addressed to the session that it has not received, as far as this replica's history knows, in the
     * structured form clients receive.
     */
    public List<InboundRecord> pendingFor(ClientSession session) {
        CursorPosition position = session.targetCursor(Target.Kind.SESSION).position();
        Replay pending = history.since(Target.session(session.id()), position.seq());
        List<InboundRecord> records = new ArrayList<>(pending.entries().size());
        for (HistoryEntry entry : pending.entries()) {
            records.add(new InboundRecord(pending.topic(), pending.partition(), entry.seq(), entry.recordedAtMillis(),
                    null, entry.eventJson().getBytes(StandardCharsets.UTF_8), EventHeaders.NONE));
        }
        return records;
    }

    /** Recovers {@code stream} after {@code afterSeq}; {@code cursor} must already hold live events. */
    public void recover(ClientSession session, StreamCursor cursor, Target stream, long afterSeq,
            Announcement announcement) {
        recover(session, cursor, stream, ResumePlan.atMostOnce(afterSeq), announcement);
    }

    /**
     * Recovers {@code stream} as {@code plan} says: after its {@code replayAfter}, marking the redeliveries;
     * {@code cursor} must already hold live events.
     */
    public void recover(ClientSession session, StreamCursor cursor, Target stream, ResumePlan plan,
            Announcement announcement) {
        executor.execute(() -> run(session, cursor, stream, plan, announcement));
    }

    private void run(ClientSession session, StreamCursor cursor, Target stream, ResumePlan plan,
            Announcement announcement) {
        long afterSeq = plan.replayAfter();
        Replay replay = Replay.unknown();
        String source = "history";
        try {
            CursorPosition from = cursor.position();
            StreamLocation where = from.topic() != null ? new StreamLocation(from.topic(), from.partition())
                    : kafka.partitionOf(stream);
            replay = history.since(stream, afterSeq, where);
            if (!replay.complete()) {
                source = "kafka";
                replay = kafka.read(stream, afterSeq, replay.topic(), replay.partition());
            }
        } catch (RuntimeException e) {
            LogFields.none().session(session.id()).target(stream).log(LOG, Level.WARNING, "CES0105W: recovery of "
                    + LogFields.describe(stream) + " for session " + session.id() + " failed", e);
            replay = Replay.unknown();
        }
        OutboundQueue queue = session.connection();
        if (queue == null) {
            cursor.abandon();
            return;
        }
        boolean recovered = replay.complete();
        int replayed = cursor.release(replay, count -> announcement.frame(recovered, count),
                entry -> frameOf(stream, entry, plan), queue);
        metrics.recovery(source, recovered, replayed);
    }

    private static String frameOf(Target stream, HistoryEntry entry, ResumePlan plan) {
        if (stream.kind() == Target.Kind.ROOM && plan.isRedelivered(entry.seq())) {
            return MessageFrames.forRoomRedelivered(stream.id(), entry.seq(), entry.eventJson());
        }
        return stream.kind() == Target.Kind.ROOM
                ? MessageFrames.forRoom(stream.id(), entry.seq(), entry.eventJson())
                : MessageFrames.forTarget(stream.kind(), entry.seq(), entry.eventJson());
    }
}
