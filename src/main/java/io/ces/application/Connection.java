package io.ces.application;

import io.ces.domain.delivery.OutboundQueue;
import io.ces.domain.session.ClientSession;

/**
 * One client connection: its outbound queue, and the session it currently serves. A resume moves the connection
 * from the session it opened with to the session it resumes.
 */
public final class Connection {

    private final OutboundQueue queue;
    private volatile ClientSession session;

    public Connection(ClientSession session, OutboundQueue queue) {
        this.session = session;
        this.queue = queue;
    }

    public ClientSession session() {
        return session;
    }

    public OutboundQueue queue() {
        return queue;
    }

    void moveTo(ClientSession resumed) {
        session = resumed;
    }
}
