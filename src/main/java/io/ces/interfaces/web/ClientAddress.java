package io.ces.interfaces.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The address a client's rate limits are counted by. Without trusted proxies it is the connection's remote address:
 * X-Forwarded-For is written by whoever sends the request and proves nothing. Behind {@code n} trusted proxies that
 * each append the address they received the request from, the client is the n-th address from the right of the
 * chain (the header's entries followed by the remote address); entries further left could be forged by the client.
 */
public final class ClientAddress {

    /** Longer than any IPv6 text form: a longer entry is cut, so that a bucket key stays small. */
    static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /**
     * @param remoteAddress the connection's peer
     * @param forwardedFor every X-Forwarded-For header of the request, in order (each a comma-separated list)
     * @param trustedProxyHops how many proxies in front of CES append to X-Forwarded-For
     */
    public static String of(String remoteAddress, List<String> forwardedFor, int trustedProxyHops) {
        if (trustedProxyHops <= 0) {
            return remoteAddress;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                String address = entry.trim();
                if (!address.isEmpty()) {
                    chain.add(address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address);
                }
            }
        }
        chain.add(remoteAddress);
        // Fewer entries than trusted proxies: the leftmost one was still written by a trusted proxy.
        return chain.get(Math.max(0, chain.size() - 1 - trustedProxyHops));
    }
}
