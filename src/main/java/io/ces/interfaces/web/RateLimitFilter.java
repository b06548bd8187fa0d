package io.ces.interfaces.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.ces.domain.ratelimit.LimitedAction;
import io.ces.domain.ratelimit.RateLimitDecision;
import io.ces.domain.ratelimit.RateLimiter;
import io.ces.infrastructure.config.RateLimitSettings;
import io.ces.interfaces.rest.Problems;

/**
 * Counts a request against its subject's budget (by default its client address) before the resource serves it. Within the budget the request
 * goes on with the RateLimit headers set; past it the answer is 429 with problem+json, Retry-After and the RateLimit
 * headers, and the resource never runs. The container authenticates before filters run, so a request without a valid
 * token is refused with 401 and does not count.
 */
public abstract class RateLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final long MAX_DISCARDED_BODY = 64 * 1024;

    @Inject
    transient RateLimiter limiter;

    @Inject
    transient RateLimitSettings settings;

    /** The budget a request counts against. */
    protected abstract LimitedAction action();

    /** Whether the request counts at all; others pass unchecked. */
    protected abstract boolean counts(HttpServletRequest request);

    /** The problem detail of a refusal. */
    protected abstract String refusal(long retryAfterSeconds);

    /** Whose budget a request counts against: by default its client address. */
    protected String subject(HttpServletRequest request) {
        return ClientAddress.of(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")), settings.trustedProxyHops());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!counts(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<RateLimitDecision> decision = limiter.tryConsume(action(), subject(request));
        decision.ifPresent(answer -> RateLimitHeaders.of(answer).forEach(response::setHeader));
        if (decision.isEmpty() || decision.get().allowed()) {
            chain.doFilter(request, response);
            return;
        }
        discardBody(request, response);
        response.setStatus(429);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.body(429, "rate-limited", "Too Many Requests",
                refusal(decision.get().retryAfterSeconds()), request.getRequestURI()));
    }

    /**
     * Reads what a refused request sent, up to a bound, so that the connection stays in step; a larger body closes
     * the connection instead of being read.
     */
    private static void discardBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return;
        }
        if (length < 0 || length > MAX_DISCARDED_BODY) {
            response.setHeader("Connection", "close");
            return;
        }
        request.getInputStream().skipNBytes(length);
    }
}
