package io.ces.interfaces.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.application.DeadLetterAdmin;
import io.ces.application.DeadLetterNotFoundException;
import io.ces.application.ReplayRefusedException;
import io.ces.domain.deadletter.DeadLetterQuery;

/** The dead-letter topic for operators (group ces.admin): list, inspect, replay, skip, purge. */
@Path("/admin/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problems.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "The token lacks group ces.admin",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
public class DeadLetterResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    DeadLetterAdmin admin;

    @GET
    @Operation(summary = "List dead letters", description = "Oldest first. Replayed and skipped ones are left out "
            + "unless status=all.")
    @APIResponse(responseCode = "200", description = "The matching dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterList.class)))
    @APIResponse(responseCode = "400", description = "A filter is not valid", content = @Content(mediaType = Problems.MEDIA_TYPE))
    public DeadLetterList list(
            @Parameter(description = "Reason code, such as schema-invalid") @QueryParam("reason") String reason,
            @Parameter(description = "Dead-lettered at or after (ISO-8601)") @QueryParam("from") String from,
            @Parameter(description = "Dead-lettered before (ISO-8601)") @QueryParam("to") String to,
            @Parameter(description = "The room the event was for") @QueryParam("room") String room,
            @Parameter(description = "pending (default) or all") @QueryParam("status") @DefaultValue("pending") String status,
            @Parameter(description = "At most this many, 1 to 1000") @QueryParam("limit") @DefaultValue("100") int limit) {
        if (!"pending".equals(status) && !"all".equals(status)) {
            throw ProblemException.badRequest("status must be pending or all");
        }
        DeadLetterAdmin.Page page = admin.list(query(reason, instant("from", from), instant("to", to), room, limit),
                "all".equals(status));
        return new DeadLetterList(page.entries().stream().map(DeadLetterView::summary).toList(), page.scanned(),
                page.truncated());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one dead letter", description = "With its key, value and every header.")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problems.MEDIA_TYPE))
    public DeadLetterView read(@PathParam("id") String id) {
        try {
            return DeadLetterView.detail(admin.find(id));
        } catch (DeadLetterNotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        }
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Replay one dead letter",
            description = "Writes the original event, bytes and headers unchanged, back to its original topic with "
                    + "the header ces-replay-count (and ces-replay-of). Refused for a dead letter already replayed "
                    + "or skipped, and for an event replayed ces.dlq.max-replays times already.")
    @APIResponse(responseCode = "202", description = "Written back to its topic",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Already handled, or replayed too often",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response replay(@PathParam("id") String id) {
        try {
            admin.replay(id);
            return Response.accepted(new ReplayResult(List.of(id), Map.of())).build();
        } catch (DeadLetterNotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (ReplayRefusedException e) {
            throw new ProblemException(409, "replay-refused", "Replay refused", e.getMessage());
        }
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Replay every pending dead letter that matches a filter",
            description = "The body takes the filters of the listing: reason, from, to, room, limit.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "by reason",
            value = "{\"reason\":\"schema-invalid\",\"room\":\"orders-42\",\"limit\":100}")))
    @APIResponse(responseCode = "202", description = "What was replayed and what was refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "400", description = "A filter is not valid", content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response replayAll(String body) {
        JsonObject filter = JsonBodies.object(body);
        DeadLetterQuery query = query(JsonBodies.string(filter, "reason"),
                instant("from", JsonBodies.string(filter, "from")), instant("to", JsonBodies.string(filter, "to")),
                JsonBodies.string(filter, "room"), filter.containsKey("limit") ? filter.getInt("limit", -1) : 100);
        DeadLetterAdmin.BulkReplay result = admin.replayAll(query);
        return Response.accepted(new ReplayResult(result.replayed(), result.refused())).build();
    }

    @POST
    @Path("/{id}/skip")
    @Operation(summary = "Skip a dead letter", description = "Marks it handled without replaying it; the listing "
            + "leaves it out from then on (status=all still shows it).")
    @APIResponse(responseCode = "204", description = "Skipped")
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response skip(@PathParam("id") String id) {
        try {
            admin.skip(id);
            return Response.noContent().build();
        } catch (DeadLetterNotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        }
    }

    @POST
    @Path("/purge")
    @Operation(summary = "Purge old dead letters", description = "Deletes every dead letter stored before the given "
            + "instant from the topic, for good.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a week old",
            value = "{\"before\":\"2026-11-15T00:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "How many were deleted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "purged",
                    value = "{\"purged\":12}")))
    @APIResponse(responseCode = "400", description = "before is missing or not an instant",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Map<String, Long> purge(String body) {
        Instant before = instant("before", JsonBodies.string(JsonBodies.object(body), "before"));
        if (before == null) {
            throw ProblemException.badRequest("before is required");
        }
        return Map.of("purged", admin.purgeBefore(before));
    }

    private static DeadLetterQuery query(String reason, Instant from, Instant to, String room, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        try {
            return new DeadLetterQuery(reason, from, to, room, limit);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }
}
