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

/** Pings every connected client every {@code ces.websocket.heartbeat-seconds} and closes the silent ones. */
@Singleton
@Startup
public class HeartbeatTimer {

    @Resource
    TimerService timers;

    @Inject
    GatewaySettings settings;

    @Inject
    SessionService sessions;

    @PostConstruct
    void schedule() {
        long interval = settings.heartbeatInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("ces-heartbeat", false));
    }

    @Timeout
    void beat() {
        sessions.heartbeat();
    }
}
