package io.ces.infrastructure.timers;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import io.ces.application.PresenceService;
import io.ces.application.SessionService;
import io.ces.infrastructure.config.GatewaySettings;

/**
 * The replica's two EJB interval timers, with periods from MP Config: the heartbeat (ping every connected client,
 * close the silent ones) every {@code ces.websocket.heartbeat-seconds}, and the eviction of abandoned or idle
 * sessions every {@code ces.session.eviction-interval-seconds}. The heartbeat also renews the presence leases of the
 * replica's connected sessions, and the eviction prunes those of replicas that stopped renewing theirs. Non-persistent: each replica keeps its own.
 */
@Singleton
@Startup
public class GatewayTimers {

    private static final String HEARTBEAT = "ces-heartbeat";
    private static final String EVICTION = "ces-session-eviction";

    @Resource
    TimerService timers;

    @Inject
    GatewaySettings settings;

    @Inject
    SessionService sessions;

    @Inject
    PresenceService presence;

    @PostConstruct
    void schedule() {
        long heartbeat = settings.heartbeatInterval().toMillis();
        timers.createIntervalTimer(heartbeat, heartbeat, new TimerConfig(HEARTBEAT, false));
        long eviction = settings.evictionInterval().toMillis();
        timers.createIntervalTimer(eviction, eviction, new TimerConfig(EVICTION, false));
    }

    @Timeout
    void fire(Timer timer) {
        if (HEARTBEAT.equals(timer.getInfo())) {
            sessions.heartbeat();
            presence.renew();
        } else {
            sessions.expireSessions();
            presence.sweep();
        }
    }
}
