package io.ces.interfaces.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.ces.application.PresenceService;
import io.ces.application.ReceiptService;
import io.ces.application.RoomForbiddenException;
import io.ces.application.SessionService;
import io.ces.application.ResumePositions;
import io.ces.application.SessionExpiredException;
import io.ces.application.SessionLimitException;
import io.ces.application.Connection;
import io.ces.domain.delivery.CloseCode;
import io.ces.domain.ratelimit.FrameThrottle;
import io.ces.domain.ratelimit.RateLimiter;
import io.ces.domain.room.RoomId;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientInfo;
import io.ces.infrastructure.config.BatchSettings;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.security.Callers;

/**
 * The WebSocket protocol of CES (docs/protocol.md): attach a socket to a session, answer client frames, detach on
 * close. Every frame to the client, replies included, goes through the connection's outbound queue, so each socket
 * has exactly one writer.
 */
@ApplicationScoped
public class WebSocketGateway {

    private static final Logger LOG = Logger.getLogger(WebSocketGateway.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String INVALID_ROOM = "invalid room id: 1 to 128 characters of A-Z a-z 0-9 _ - . : @ /";

    private final ClientFrameParser parser = new ClientFrameParser(JSON);
    private final ServerFrames frames = new ServerFrames(JSON);

    @Inject
    SessionService sessions;

    @Inject
    GatewaySettings settings;

    @Inject
    PresenceService presence;

    @Inject
    ReceiptService receipts;

    @Inject
    RateLimiter rateLimiter;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SocketWriters writers;

    @Inject
    BatchSettings batching;

    private FrameThrottle throttle;

    @PostConstruct
    void createThrottle() {
        throttle = new FrameThrottle(rateLimiter);
    }

    /** Attaches a new socket to its session and greets it; null when the socket was refused and closed. */
    Connection open(Session socket) {
        socket.setMaxTextMessageBufferSize(settings.maxFrameBytes());
        socket.setMaxIdleTimeout(settings.idleTimeoutMillis());
        Principal principal = socket.getUserPrincipal();
        if (!(principal instanceof JsonWebToken token)) {
            closeNow(socket, CloseReason.CloseCodes.VIOLATED_POLICY, "authentication required");
            return null;
        }
        Boolean batchRequested = requestedBatching(socket);
        if (batchRequested == null) {
            closeNow(socket, CloseReason.CloseCodes.VIOLATED_POLICY, "batch must be true or false");
            return null;
        }
        boolean batched = batchRequested && batching.enabled();
        Caller caller = Callers.fromToken(token);
        Optional<Connection> attached;
        try {
            attached = sessions.connect(caller, requestedSession(socket), ClientInfo.UNKNOWN,
                    new WebSocketFrameSink(socket, executor, writers.next()), batched,
                    session -> frames.welcome(session.id(), session.resumeToken(), settings.heartbeatSeconds(),
                            batched));
        } catch (SessionLimitException limit) {
            closeNow(socket, CloseReason.CloseCodes.getCloseCode(CloseCode.TOO_MANY_SESSIONS.code()),
                    CloseCode.TOO_MANY_SESSIONS.reason());
            return null;
        }
        if (attached.isEmpty()) {
            closeNow(socket, CloseReason.CloseCodes.getCloseCode(CloseCode.UNKNOWN_SESSION.code()),
                    CloseCode.UNKNOWN_SESSION.reason());
            return null;
        }
        return attached.get();
    }

    void pong(Connection connection) {
        sessions.seen(connection);
    }

    /** The application is stopping: tell every client to reconnect, to this replica once it is back or another. */
    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        sessions.disconnectAllForRestart();
    }

    void message(Connection connection, String text) {
        sessions.active(connection);
        if (exceedsMaxFrame(text)) {
            // The container's buffer limit is not enforced on every Liberty level: the protocol limit is checked here.
            connection.queue().close(CloseCode.MESSAGE_TOO_BIG);
            return;
        }
        if (connection.queue().isClosed()) {
            // nothing can be answered any more, and a flooding client's frames should cost nothing once it is cut off
            return;
        }
        FrameThrottle.Verdict verdict = throttle.admit(connection.session().id());
        if (verdict.outcome() == FrameThrottle.Outcome.REFUSE) {
            connection.queue().offer(frames.rateLimited(verdict.retryAfterSeconds()));
            return;
        }
        if (verdict.outcome() == FrameThrottle.Outcome.CLOSE) {
            // at once, not after pending frames: a flooding client may not be reading either
            connection.queue().close(CloseCode.RATE_LIMITED);
            return;
        }
        String reply;
        try {
            reply = handle(connection, parser.parse(text));
        } catch (ProtocolException e) {
            reply = frames.error(e.ref(), e.code(), e.getMessage());
        }
        if (reply != null) {
            connection.queue().offer(reply);
        }
    }

    private boolean exceedsMaxFrame(String text) {
        int max = settings.maxFrameBytes();
        if (text.length() > max) {
            return true;
        }
        // A UTF-8 character takes at most 3 bytes per UTF-16 char, so only long frames need counting.
        return (long) text.length() * 3 > max && text.getBytes(StandardCharsets.UTF_8).length > max;
    }

    void closed(Connection connection) {
        sessions.disconnected(connection);
    }

    /** Serves one client frame; the reply frame, or null when the reply is queued later (recoveries). */
    private String handle(Connection connection, ClientFrame frame) {
        if (frame instanceof ClientFrame.Subscribe subscribe) {
            return subscribe(connection, subscribe);
        }
        if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
            sessions.unsubscribe(connection.session(), unsubscribe.room());
            return frames.unsubscribed(unsubscribe.id(), unsubscribe.room());
        }
        if (frame instanceof ClientFrame.Resume resume) {
            return resume(connection, resume);
        }
        if (frame instanceof ClientFrame.Presence follow) {
            return follow(connection, follow);
        }
        if (frame instanceof ClientFrame.Typing typing) {
            return typing(connection, typing);
        }
        if (frame instanceof ClientFrame.Receipt receipt) {
            return receipt(connection, receipt);
        }
        return frames.pong(frame.id());
    }

    private String subscribe(Connection connection, ClientFrame.Subscribe request) {
        return switch (sessions.subscribe(connection.session(), request.room(), request.since(),
                (recovered, replayed) -> frames.roomRecovered(request.id(), request.room(), recovered, replayed))) {
            case SUBSCRIBED, ALREADY_SUBSCRIBED -> frames.subscribed(request.id(), request.room());
            case RECOVERING -> null;
            case INVALID_ROOM -> frames.error(request.id(), ClientFrameParser.BAD_REQUEST, INVALID_ROOM);
            case FORBIDDEN -> frames.error(request.id(), "forbidden", "the token does not grant room " + request.room());
        };
    }

    private String follow(Connection connection, ClientFrame.Presence request) {
        try {
            return presence.snapshotFrame(request.id(), presence.follow(connection.session(), request.room()));
        } catch (IllegalArgumentException invalid) {
            return frames.error(request.id(), ClientFrameParser.BAD_REQUEST, INVALID_ROOM);
        } catch (RoomForbiddenException forbidden) {
            return frames.error(request.id(), "forbidden", "the token does not grant room " + request.room());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "CES0806W: the presence of a room could not be read", unavailable);
            return frames.error(request.id(), "unavailable", "the presence of room " + request.room()
                    + " cannot be read now; try again");
        }
    }

    /** A typing frame is answered only when it was not relayed: typing is frequent, and its success is silence. */
    private String typing(Connection connection, ClientFrame.Typing request) {
        PresenceService.TypingOutcome outcome = presence.typing(connection.session(), request.room());
        return switch (outcome.kind()) {
            case SENT -> null;
            case INVALID_ROOM -> frames.error(request.id(), ClientFrameParser.BAD_REQUEST, INVALID_ROOM);
            case NOT_SUBSCRIBED -> frames.error(request.id(), "not-subscribed",
                    "typing is relayed only in a room the session subscribes to: " + request.room());
            case RATE_LIMITED -> frames.typingRateLimited(request.id(), outcome.retryAfterSeconds());
        };
    }

    private String receipt(Connection connection, ClientFrame.Receipt request) {
        if (!RoomId.isValid(request.room())) {
            return frames.error(request.id(), ClientFrameParser.BAD_REQUEST, INVALID_ROOM);
        }
        return switch (receipts.acknowledge(connection.session(), request.kind(), request.room(), request.seq())) {
            case RECORDED, ALREADY_RECORDED -> frames.acked(request.id(), request.kind(), request.room(), request.seq());
            case NOT_DELIVERED -> frames.error(request.id(), "not-delivered", "seq " + request.seq()
                    + " of room " + request.room() + " was not delivered to this session");
            case UNAVAILABLE -> frames.error(request.id(), "unavailable",
                    "the receipt cannot be recorded now; try again");
        };
    }

    private String resume(Connection connection, ClientFrame.Resume request) {
        Caller caller = connection.session().owner();
        try {
            sessions.resume(connection, caller, request.id(), request.session(), request.resumeToken(),
                    new ResumePositions(request.rooms(), request.sessionSeq(), request.userSeq()), frames);
            return null;
        } catch (SessionExpiredException expired) {
            connection.queue().offer(frames.error(request.id(), "session-expired", expired.getMessage()));
            connection.queue().closeAfterPending(CloseCode.SESSION_EXPIRED);
            return null;
        }
    }

    /** The {@code batch} parameter of the upgrade: false when absent, null when it is neither true nor false. */
    private static Boolean requestedBatching(Session socket) {
        List<String> values = socket.getRequestParameterMap().get("batch");
        if (values == null || values.isEmpty()) {
            return Boolean.FALSE;
        }
        return switch (values.get(0)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String requestedSession(Session socket) {
        List<String> values = socket.getRequestParameterMap().get("session");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void closeNow(Session socket, CloseReason.CloseCode code, String reason) {
        try {
            socket.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }
}
