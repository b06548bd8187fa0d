package io.ces.interfaces.web;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adds {@code Strict-Transport-Security} to every response over HTTPS, so that a browser that once reached CES
 * securely never falls back to plain HTTP (and ws://) for {@code ces.hsts.max-age-seconds}. Only on HTTPS: the
 * header means nothing over plain HTTP (RFC 6797), and httpEndpoint headers cannot tell the two apart.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StrictTransportSecurityFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "ces.hsts.max-age-seconds", defaultValue = "31536000")
    long maxAgeSeconds;

    @Inject
    @ConfigProperty(name = "ces.hsts.include-subdomains", defaultValue = "false")
    boolean includeSubdomains;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure() && maxAgeSeconds > 0) {
            response.setHeader("Strict-Transport-Security",
                    "max-age=" + maxAgeSeconds + (includeSubdomains ? "; includeSubDomains" : ""));
        }
        chain.doFilter(request, response);
    }
}
