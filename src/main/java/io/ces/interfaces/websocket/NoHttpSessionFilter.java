package io.ces.interfaces.websocket;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Keeps a WebSocket upgrade from creating an HTTP session. Liberty's handshake asks the request for its session,
 * which creates one per socket (a secure random id, and an object kept until the session times out, 30 minutes
 * after the socket is gone); CES keeps its own sessions and never reads the HTTP one, so the upgrade gets the
 * existing session, if any, and never a new one.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class NoHttpSessionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession() {
                return getSession(false);
            }
        }, response);
    }
}
