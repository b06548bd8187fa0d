package io.ces.application;

import io.ces.domain.event.Target;
import io.ces.domain.session.ClientSession;

/** The frames a resume answers with; the WebSocket protocol (interfaces layer) encodes them. */
public interface RecoveryFrames {

    /** The connection now serves {@code session}. */
    String resumed(String ref, ClientSession session);

    /** The outcome of recovering a room, queued before its replayed events. */
    String roomRecovered(String ref, String room, boolean recovered, int replayed);

    /** The resumed session was in a room the new token no longer grants: it has left it. */
    String roomForbidden(String room);

    /** The outcome of recovering the events addressed to the session or its user. */
    String targetRecovered(Target.Kind kind, boolean recovered, int replayed);
}
