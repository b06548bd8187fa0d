package io.ces.interfaces.websocket;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import io.ces.application.Connection;

/**
 * The WebSocket endpoint clients connect to. The upgrade request was already authenticated by MP-JWT (web.xml), so
 * the socket's user principal is the verified token. The container creates one instance per socket; the protocol
 * itself lives in the application-scoped {@link WebSocketGateway}, so an instance needs no injection and is created
 * without CDI ({@link PlainEndpointConfigurator}).
 */
@ServerEndpoint(value = "/ws", configurator = PlainEndpointConfigurator.class)
public class GatewayEndpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

    /**
     * Looked up rather than injected: field injection into container-created endpoint instances fails on this
     * Liberty level (CWOWB1006E), and one lookup per replica is all that is needed.
     */
    private static volatile WebSocketGateway gateway;

    /** Null until the socket is attached to a session. */
    private Connection connection;

    @OnOpen
    public void open(Session socket) {
        connection = gateway().open(socket);
    }

    @OnMessage
    public void message(String text) {
        if (connection != null) {
            gateway().message(connection, text);
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (connection != null) {
            gateway().pong(connection);
        }
    }

    @OnClose
    public void closed(CloseReason reason) {
        if (connection != null) {
            gateway().closed(connection);
        }
    }

    @OnError
    public void failed(Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error", failure);
    }

    private static WebSocketGateway gateway() {
        WebSocketGateway current = gateway;
        if (current == null) {
            current = CDI.current().select(WebSocketGateway.class).get();
            gateway = current;
        }
        return current;
    }
}
