package io.ces.interfaces.rest;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.application.PublishFailedException;
import io.ces.application.PublishService;
import io.ces.application.RoomForbiddenException;
import io.ces.domain.publish.PublishRequest;
import io.ces.infrastructure.config.PublishSettings;
import io.ces.infrastructure.security.Callers;

/**
 * Publishing to a room over HTTP, for browsers and for backends without a Kafka producer: the event is written to
 * the event topic like any producer's, and reaches subscribers the same way.
 */
@Path("/rooms/{room}/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Publish events to rooms")
@SecurityRequirement(name = "jwt")
public class RoomEventResource {

    private static final Logger LOG = Logger.getLogger(RoomEventResource.class.getName());

    @Inject
    PublishService publishing;

    @Inject
    PublishSettings settings;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /** What a refused publish looks like, for the OpenAPI document. */
    static final String RATE_LIMITED_EXAMPLE = "{\"type\":\"https://ces.io/problems/rate-limited\","
            + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"events published by this user: "
            + "retry in 3 s\",\"instance\":\"/api/rooms/cr_1/events\"}";

    @POST
    @Operation(summary = "Publish an event to a room",
            description = "Builds a CloudEvent 1.0 (specversion 1.0; id: the request's or a generated UUID; source: "
                    + "ces.publish.source followed by the caller's user id; type; room; time; data) and writes it to "
                    + "ces.kafka.topic with the room as the record key. Answers once the broker has acknowledged "
                    + "the record. Allowed to whoever may subscribe to the room. Retrying with the same id "
                    + "delivers the event once within the idempotency window.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            example = "{\"type\":\"chat.message\",\"data\":{\"text\":\"hello\"}}",
            description = "type: required, 1 to 256 characters; data: any JSON value (optional); id: optional, "
                    + "1 to 256 characters")))
    @APIResponse(responseCode = "202", description = "Written to Kafka and acknowledged by the broker",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublishReceipt.class)),
            headers = {
                @Header(name = "RateLimit-Limit", description = "Events this user may publish at once",
                        schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "RateLimit-Remaining", description = "Events left now",
                        schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "RateLimit-Reset", description = "Seconds until the budget is full again",
                        schema = @Schema(type = SchemaType.INTEGER))})
    @APIResponse(responseCode = "400", description = "The body is not one JSON object, a member is missing or "
            + "wrong, or the room id is invalid", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks group ces.user, or does not grant the room",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "The body is larger than ces.publish.max-bytes",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "This user published too many events (problem type "
            + "rate-limited, with Retry-After and the RateLimit headers)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited",
                    value = RATE_LIMITED_EXAMPLE)),
            headers = @Header(name = "Retry-After", description = "Seconds until a publish would be allowed",
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge the event in time; retry with "
            + "the same id", content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response publish(@Parameter(description = "The room id") @PathParam("room") String room, String body) {
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
        }
        requireWithinSize(body);
        PublishRequest request;
        try {
            request = PublishRequest.of(room, JsonBodies.object(requireBody(body)));
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.badRequest(invalid.getMessage());
        }
        PublishService.Receipt receipt;
        try {
            receipt = publishing.publish(Callers.fromToken(token), request);
        } catch (RoomForbiddenException forbidden) {
            throw ProblemException.forbidden(forbidden.getMessage());
        } catch (PublishFailedException failed) {
            LOG.log(Level.WARNING, "CES0701W: a published event was not acknowledged: " + failed.getMessage());
            throw new ProblemException(503, "publish-failed", "Service Unavailable", failed.getMessage());
        }
        return Response.accepted(new PublishReceipt(receipt.event().id(), request.room(), receipt.position().topic(),
                receipt.position().partition(), receipt.position().offset())).build();
    }

    private void requireWithinSize(String body) {
        int length = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (length > settings.maxBytes()) {
            throw new ProblemException(413, "too-large", "Content Too Large",
                    "the body has " + length + " bytes; at most " + settings.maxBytes() + " are allowed");
        }
    }

    private static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("the body must be one JSON object with at least \"type\"");
        }
        return body;
    }
}
