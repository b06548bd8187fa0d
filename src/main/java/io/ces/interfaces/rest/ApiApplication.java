package io.ces.interfaces.rest;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API. Its classes are listed so that the /dev application does not serve them too. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "CES - Customer Event Stream", version = "0.1.0",
        description = "REST API of the CES Kafka-to-WebSocket gateway. The WebSocket protocol is in docs/protocol.md."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SessionResource.class, RoomEventResource.class, PresenceResource.class, DeadLetterResource.class,
                RoutingRulesResource.class, TopicsResource.class, ProblemExceptionMapper.class);
    }
}
