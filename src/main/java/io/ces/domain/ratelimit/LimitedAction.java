package io.ces.domain.ratelimit;

/**
 * What CES limits, each with a budget of its own per subject (a client address, a session or a user). The name is the
 * middle part of the settings, {@code ces.rate-limit.<name>.*}, and the prefix of the bucket keys.
 */
public enum LimitedAction {
    /** {@code POST /api/sessions}, per client address. */
    SESSION_REGISTRATION("registrations"),
    /** Upgrade requests to {@code /ws}, per client address. */
    WEBSOCKET_CONNECT("connections"),
    /** Client frames on a socket, per session. */
    CLIENT_FRAME("frames"),
    /** Client frames past {@link #CLIENT_FRAME}'s budget that are still answered with an error frame, per session. */
    EXCESS_FRAME("frames-excess"),
    /** {@code POST /api/rooms/{room}/events}, per user (the token's subject). */
    EVENT_PUBLISH("publish"),
    /** {@code typing} frames, per session; past it a typing frame is refused, never relayed late. */
    TYPING("typing");

    private final String settingName;

    LimitedAction(String settingName) {
        this.settingName = settingName;
    }

    public String settingName() {
        return settingName;
    }
}
