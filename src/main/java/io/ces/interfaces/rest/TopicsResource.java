package io.ces.interfaces.rest;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.ces.application.RuntimeSetting;
import io.ces.application.TopicSubscriptionService;
import io.ces.domain.routing.InvalidDocumentException;
import io.ces.domain.routing.SettingsStore.SettingsUnavailableException;

/** The additional topics for operators (group ces.admin): read, replace, add, remove, reset to configuration. */
@Path("/admin/topics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Topics")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problems.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "The token lacks group ces.admin",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
@APIResponse(responseCode = "503", description = "The control topic did not take the change",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
public class TopicsResource {

    @Inject
    TopicSubscriptionService topics;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Read the additional topics consumed by this replica",
            description = "Besides mainTopic (always consumed): the topic names and pattern, with their version "
                    + "(-1 and source configuration when they come from ces.kafka.additional-topics).")
    @APIResponse(responseCode = "200", description = "The topics consumed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "topics", value = "{\"mainTopic\":"
                    + "\"ces.events\",\"version\":7,\"source\":\"control-topic\",\"topics\":[\"orders\"],"
                    + "\"pattern\":\"billing\\\\..*\"}")))
    public Response read() {
        return answer(topics.setting());
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace the additional topics on every replica",
            description = "Names and/or one regular expression matched against whole topic names; CES's own topics "
                    + "are never consumed as additional topics. Every replica subscribes again without a restart. A "
                    + "topic new to the consumer group starts at ces.kafka.auto-offset-reset; a topic consumed before "
                    + "resumes from the group's committed offset.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "topics",
            value = "{\"topics\":[\"orders\",\"billing\"],\"pattern\":\"partner\\\\..*\"}")))
    @APIResponse(responseCode = "200", description = "The topics now consumed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "Not valid (errors lists every mistake)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response replace(String body) {
        try {
            return answer(topics.replace(JsonBodies.object(body)));
        } catch (InvalidDocumentException e) {
            return invalid(e);
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }

    @PUT
    @Path("/{topic}")
    @Operation(summary = "Add one topic on every replica")
    @APIResponse(responseCode = "200", description = "The topics now consumed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "Not a valid topic name, or one of CES's own topics",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response add(@PathParam("topic") String topic) {
        try {
            return answer(topics.add(topic));
        } catch (InvalidDocumentException e) {
            return invalid(e);
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }

    @DELETE
    @Path("/{topic}")
    @Operation(summary = "Stop consuming one topic on every replica",
            description = "Its events are no longer delivered. The main topic cannot be removed.")
    @APIResponse(responseCode = "200", description = "The topics now consumed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "The main topic, or a topic that is not listed",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response remove(@PathParam("topic") String topic) {
        try {
            return answer(topics.remove(topic));
        } catch (InvalidDocumentException e) {
            return invalid(e);
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }

    @DELETE
    @Operation(summary = "Go back to the configured topics on every replica",
            description = "Removes the topics from the control topic; every replica then consumes "
                    + "ces.kafka.additional-topics.")
    @APIResponse(responseCode = "200", description = "The topics now consumed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response reset() {
        try {
            return answer(topics.reset());
        } catch (SettingsUnavailableException e) {
            throw SettingsAnswers.unavailable(e);
        }
    }

    private Response answer(RuntimeSetting setting) {
        return SettingsAnswers.setting(setting, Map.of("mainTopic", topics.mainTopic()));
    }

    private Response invalid(InvalidDocumentException e) {
        return SettingsAnswers.invalid(e, "Invalid topics", uri.getRequestUri().getPath());
    }
}
