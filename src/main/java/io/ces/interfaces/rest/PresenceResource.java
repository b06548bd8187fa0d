package io.ces.interfaces.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.application.PresenceService;
import io.ces.application.RoomForbiddenException;
import io.ces.infrastructure.security.Callers;

/** Who is in a room now, across all replicas, for whoever may see the room. */
@Path("/rooms/{room}/presence")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Presence", description = "Who is connected to a room")
@SecurityRequirement(name = "jwt")
public class PresenceResource {

    private static final Logger LOG = Logger.getLogger(PresenceResource.class.getName());

    @Inject
    PresenceService presence;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The presence of a room",
            description = "The users with at least one connected session subscribed to the room, on any replica, "
                    + "counted once however many sessions they have. Rooms with more than "
                    + "ces.presence.max-listed-members users answer only the count. Allowed to whoever may "
                    + "subscribe to the room.")
    @APIResponse(responseCode = "200", description = "The room's presence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PresenceReport.class)))
    @APIResponse(responseCode = "400", description = "The room id is invalid",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks group ces.user, or does not grant the room",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The shared presence cannot be read now",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public PresenceReport get(@Parameter(description = "The room id") @PathParam("room") String room) {
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
        }
        try {
            return PresenceReport.of(presence.view(Callers.fromToken(token), room));
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.badRequest(invalid.getMessage());
        } catch (RoomForbiddenException forbidden) {
            throw ProblemException.forbidden(forbidden.getMessage());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "CES0806W: the presence of a room could not be read", unavailable);
            throw new ProblemException(503, "presence-unavailable", "Service Unavailable",
                    "the presence of the room cannot be read now; try again");
        }
    }
}
