package io.ces.interfaces.websocket;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which browser origins may open a WebSocket ({@code ces.websocket.allowed-origins}), against cross-site WebSocket
 * hijacking: a page on another site must not use the ces_token cookie a browser sends along with the upgrade.
 *
 * <p>Allowed are: a request without an {@code Origin} header (not a browser: browsers always send it on a
 * WebSocket upgrade), the same origin as the request's {@code Host} (the demo page CES serves itself), every origin
 * in the list (scheme://host[:port], compared without case and with default ports made explicit), and any origin
 * at all if the list holds {@code *}.
 */
public final class AllowedOrigins {

    private final boolean any;
    private final Set<String> listed;

    private AllowedOrigins(boolean any, Set<String> listed) {
        this.any = any;
        this.listed = listed;
    }

    /** Parses the comma-separated setting; blank entries are ignored, a malformed one is refused by name. */
    public static AllowedOrigins parse(String setting) {
        Set<String> entries = setting == null ? Set.of() : Stream.of(setting.split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).collect(Collectors.toSet());
        boolean any = entries.contains("*");
        Set<String> listed = entries.stream().filter(entry -> !entry.equals("*")).map(entry -> {
            String normal = normalise(entry);
            if (normal == null) {
                throw new IllegalArgumentException("ces.websocket.allowed-origins: '" + entry
                        + "' is not an origin (scheme://host[:port])");
            }
            return normal;
        }).collect(Collectors.toUnmodifiableSet());
        return new AllowedOrigins(any, listed);
    }

    /**
     * Whether an upgrade with this {@code Origin} header (null if absent) may proceed; {@code host} is the request's
     * {@code Host} header.
     */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normal = normalise(origin.trim());
        if (normal == null) {
            return false;
        }
        return listed.contains(normal) || sameOrigin(normal, host);
    }

    /**
     * Same host and port as the Host header. The scheme is not compared: behind a proxy that ends TLS, the browser's
     * origin is https while the request CES sees is http. A Host without a port means the origin scheme's default.
     */
    private static boolean sameOrigin(String normalOrigin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        URI origin = URI.create(normalOrigin);
        URI request;
        try {
            request = new URI(origin.getScheme() + "://" + host.trim());
        } catch (Exception malformed) {
            return false;
        }
        if (request.getHost() == null) {
            return false;
        }
        int requestPort = request.getPort() >= 0 ? request.getPort() : defaultPort(origin.getScheme());
        return origin.getHost().equalsIgnoreCase(request.getHost()) && origin.getPort() == requestPort;
    }

    /** scheme://host:port in lower case with the port made explicit; null if it is not an http(s) origin. */
    static String normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception malformed) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
