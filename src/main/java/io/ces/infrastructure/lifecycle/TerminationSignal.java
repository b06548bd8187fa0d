package io.ces.infrastructure.lifecycle;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.ces.application.SessionService;
import io.ces.infrastructure.messaging.AdditionalTopicsConsumer;

/**
 * Tells connected clients to reconnect as soon as the JVM is asked to terminate (SIGTERM, as Kubernetes sends when
 * it stops a pod).
 *
 * <p>Liberty's own stop first quiesces its transports and drops open WebSockets before the application hears of it,
 * so an application-scope observer finds nobody left to tell. A JVM shutdown hook runs alongside Liberty's, while the
 * sockets are still open: clients get 1012 and resume elsewhere instead of seeing an abnormal close. Hazelcast's own
 * hook is switched off, so the cache is still there to record that the sessions are resumable. The consumer of the
 * additional topics is stopped too: Liberty's quiesce waits for its thread.
 */
@ApplicationScoped
public class TerminationSignal {

    private static final Logger LOG = Logger.getLogger(TerminationSignal.class.getName());

    @Inject
    SessionService sessions;

    @Inject
    AdditionalTopicsConsumer additionalTopics;

    private Thread hook;
    private volatile boolean terminating;

    /** True once the JVM or the application is stopping: readiness goes down so that no new client is sent here. */
    public boolean isTerminating() {
        return terminating;
    }

    void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
        hook = new Thread(this::terminating, "ces-termination");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void terminating() {
        terminating = true;
        sessions.disconnectAllForRestart();
        additionalTopics.stop();
    }

    void stopListening(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        terminating = true;
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException terminating) {
            // the hook is already running or has run: that is the case it exists for
            LOG.fine("JVM termination in progress");
        }
    }
}
