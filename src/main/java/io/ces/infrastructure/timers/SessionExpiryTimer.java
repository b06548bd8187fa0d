package io.ces.infrastructure.timers;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.ces.application.SessionService;

/** Removes sessions whose grace period has run out, every 15 seconds, on this replica only (non-persistent). */
@Singleton
public class SessionExpiryTimer {

    @Inject
    SessionService sessions;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void expireSessions() {
        sessions.expireSessions();
    }
}
