/**
 * The WebSocket endpoint {@code /ws} and its JSON text-frame protocol (docs/protocol.md): client frames parsed into
 * requests, server frames encoded, and the adapter that writes a connection's outbound queue to its socket.
 */
package io.ces.interfaces.websocket;
