package io.ces.interfaces.websocket;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.interfaces.rest.Problems;

/**
 * Refuses a WebSocket upgrade from a browser origin that {@link AllowedOrigins} does not allow, with 403 and a
 * problem+json body, before the container upgrades the connection. It runs after authentication (web.xml), so it
 * is exactly the case of a foreign page that rides on the user's ces_token cookie.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class OriginCheckFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OriginCheckFilter.class.getName());

    @Inject
    /** Optional: MicroProfile Config treats the empty default as missing. */
    @ConfigProperty(name = "ces.websocket.allowed-origins")
    Optional<String> allowedOriginsSetting;

    private transient AllowedOrigins allowedOrigins;

    @Override
    public void init() throws ServletException {
        try {
            allowedOrigins = AllowedOrigins.parse(allowedOriginsSetting.orElse(""));
        } catch (IllegalArgumentException misconfigured) {
            throw new ServletException(misconfigured.getMessage(), misconfigured);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (allowedOrigins.allows(origin, request.getHeader("Host"))) {
            chain.doFilter(request, response);
            return;
        }
        LOG.fine(() -> "WebSocket upgrade from origin " + origin + " refused");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.body(403, "origin-not-allowed", "Forbidden",
                "origin " + origin + " may not open a WebSocket here (ces.websocket.allowed-origins)",
                request.getRequestURI()));
    }
}
