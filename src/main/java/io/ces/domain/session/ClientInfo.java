package io.ces.domain.session;

/**
 * Where a connection came from, kept with its session for operators.
 *
 * @param address   the client's IP address as the server saw it
 * @param userAgent the User-Agent of the upgrade request, or empty
 */
public record ClientInfo(String address, String userAgent) {

    public static final ClientInfo UNKNOWN = new ClientInfo("", "");
}
