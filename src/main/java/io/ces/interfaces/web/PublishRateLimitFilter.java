package io.ces.interfaces.web;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import io.ces.domain.ratelimit.LimitedAction;

/**
 * Limits publishing ({@code POST /api/rooms/{room}/events}) per user: a user's budget is the same from every address
 * and every replica, and users behind one NAT do not share one.
 */
@WebFilter(filterName = "publishRateLimit", urlPatterns = "/api/rooms/*")
public class PublishRateLimitFilter extends RateLimitFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected LimitedAction action() {
        return LimitedAction.EVENT_PUBLISH;
    }

    @Override
    protected boolean counts(HttpServletRequest request) {
        return "POST".equals(request.getMethod());
    }

    @Override
    protected String subject(HttpServletRequest request) {
        // The container authenticated the request before any filter (web.xml), so the principal is the token's.
        return request.getUserPrincipal() != null ? "user:" + request.getUserPrincipal().getName()
                : super.subject(request);
    }

    @Override
    protected String refusal(long retryAfterSeconds) {
        return "too many events published by this user; retry in " + retryAfterSeconds + " s";
    }
}
