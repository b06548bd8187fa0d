package io.ces.interfaces.rest;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.application.RoutingRulesService;
import io.ces.domain.routing.InvalidDocumentException;
import io.ces.domain.routing.SettingsStore.SettingsUnavailableException;

/** The routing rules for operators (group ces.admin): read, replace, reset to configuration. */
@Path("/admin/routing-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing rules")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problems.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "The token lacks group ces.admin",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
public class RoutingRulesResource {

    static final String EXAMPLE = "{\"rules\":[{\"name\":\"orders-to-customers\",\"when\":{\"type\":\"order.updated\"},"
            + "\"to\":[{\"room\":\"customer-{data.customerId}\"}]},{\"name\":\"drop-internal\","
            + "\"when\":{\"header:x-internal\":\"true\"},\"drop\":true}]}";

    @Inject
    RoutingRulesService rules;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Read the routing rules in force on this replica",
            description = "The document with its version (the control topic's offset; -1 and source configuration "
                    + "when the rules come from ces.routing.rules-file).")
    @APIResponse(responseCode = "200", description = "The rules in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rules",
                    value = "{\"version\":12,\"source\":\"control-topic\",\"rules\":[]}")))
    public Response read() {
        return SettingsAnswers.setting(rules.setting(), Map.of());
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace the routing rules on every replica",
            description = "Validates the whole document, writes it to the control topic and answers once this "
                    + "replica applies it; the other replicas apply it within a second, and it survives restarts. "
                    + "Rules are tried in order; the first whose conditions all hold decides (targets, or drop). "
                    + "See docs/protocol.md#routing-rules.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "rules", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The rules now in force, with their version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "The document is not valid; errors lists every mistake",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The control topic did not take the change",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response replace(String body) {
        try {
            return SettingsAnswers.setting(rules.replace(body == null ? "" : body), Map.of());
        } catch (InvalidDocumentException e) {
            return SettingsAnswers.invalid(e, "Invalid routing rules", uri.getRequestUri().getPath());
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }

    @DELETE
    @Operation(summary = "Go back to the configured rules on every replica",
            description = "Removes the rules from the control topic; every replica then routes with "
                    + "ces.routing.rules-file (or no rules).")
    @APIResponse(responseCode = "200", description = "The rules now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "503", description = "The control topic did not take the change",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response reset() {
        try {
            return SettingsAnswers.setting(rules.reset(), Map.of());
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }
}
