package io.ces.interfaces.web;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import io.ces.domain.ratelimit.LimitedAction;

/** Limits session registrations ({@code POST /api/sessions}) per client address. */
@WebFilter(filterName = "registrationRateLimit", urlPatterns = "/api/sessions")
public class RegistrationRateLimitFilter extends RateLimitFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected LimitedAction action() {
        return LimitedAction.SESSION_REGISTRATION;
    }

    @Override
    protected boolean counts(HttpServletRequest request) {
        return "POST".equals(request.getMethod());
    }

    @Override
    protected String refusal(long retryAfterSeconds) {
        return "too many session registrations from this address; retry in " + retryAfterSeconds + " s";
    }
}
