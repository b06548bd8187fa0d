package io.ces.interfaces.web;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import io.ces.domain.ratelimit.LimitedAction;

/**
 * Limits WebSocket connection attempts per client address: a refused upgrade to {@code /ws} is answered with a
 * plain HTTP 429 before any socket exists.
 */
@WebFilter(filterName = "upgradeRateLimit", urlPatterns = "/ws")
public class UpgradeRateLimitFilter extends RateLimitFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected LimitedAction action() {
        return LimitedAction.WEBSOCKET_CONNECT;
    }

    @Override
    protected boolean counts(HttpServletRequest request) {
        return true;
    }

    @Override
    protected String refusal(long retryAfterSeconds) {
        return "too many WebSocket connection attempts from this address; retry in " + retryAfterSeconds + " s";
    }
}
