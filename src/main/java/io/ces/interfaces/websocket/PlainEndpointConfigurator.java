package io.ces.interfaces.websocket;

import java.lang.reflect.InvocationTargetException;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates the endpoint instance of each socket with its constructor. Liberty's default makes every instance a CDI
 * managed object, building a new injection target each time: a fifth of its upgrade handling in a reconnect storm
 * (docs/performance.md). {@link GatewayEndpoint} injects nothing, so nothing is lost.
 */
public class PlainEndpointConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            return endpointClass.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            InstantiationException failed = new InstantiationException("cannot create " + endpointClass.getName());
            failed.initCause(e);
            throw failed;
        }
    }
}
