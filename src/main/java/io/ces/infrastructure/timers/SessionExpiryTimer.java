package io.ces.infrastructure.timers;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import io.ces.application.SessionService;
import io.ces.infrastructure.config.GatewaySettings;

/**
 * Evicts sessions whose grace period ran out or that stayed idle too long, every
 * {@code ces.session.eviction-interval-seconds}. Non-persistent: each replica evicts its own sessions.
 */
@Singleton
@Startup
public class SessionExpiryTimer {

    @Resource
    TimerService timers;

    @Inject
    GatewaySettings settings;

    @Inject
    SessionService sessions;

    @PostConstruct
    void schedule() {
        long interval = settings.evictionInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("ces-session-expiry", false));
    }

    @Timeout
    void expireSessions() {
        sessions.expireSessions();
    }
}
