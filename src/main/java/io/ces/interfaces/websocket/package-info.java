/**
 * The WebSocket endpoint {@code /ws} and its JSON text-frame protocol (docs/protocol.md): client frames parsed into
 * requests, server frames encoded, the adapter that writes a connection's outbound queue to its socket, and the
 * Origin check before the upgrade.
 */
package io.ces.interfaces.websocket;
