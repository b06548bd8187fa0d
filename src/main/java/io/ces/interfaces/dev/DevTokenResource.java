package io.ces.interfaces.dev;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.domain.room.RoomPattern;
import io.ces.infrastructure.security.Callers;
import io.ces.infrastructure.security.DevTokenIssuer;
import io.ces.interfaces.rest.JsonBodies;
import io.ces.interfaces.rest.ProblemException;
import io.ces.interfaces.rest.Problems;

/** Tokens for the demo: anyone who can reach a demo server may mint any token, which is why it is demo-only. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Demo", description = "Only in the demo configuration (ces.dev.enabled=true); 404 otherwise")
public class DevTokenResource {

    private static final int MAX_TTL_SECONDS = 86_400;

    @Inject
    DevTokenIssuer issuer;

    @POST
    @Path("token")
    @Operation(summary = "Mint a demo token")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            example = "{\"sub\":\"alice\",\"rooms\":[\"cr_*\"],\"groups\":[\"ces.user\"],\"ttlSeconds\":3600}")))
    @APIResponse(responseCode = "200", description = "{\"token\":\"<jwt>\"}")
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Not the demo configuration",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public JsonObject token(String body) {
        requireDemo();
        JsonObject request = JsonBodies.object(body);
        String subject = JsonBodies.string(request, "sub");
        if (subject == null || subject.isBlank() || subject.length() > 128) {
            throw ProblemException.badRequest("\"sub\" must be a string of 1 to 128 characters");
        }
        List<String> rooms = JsonBodies.strings(request, "rooms", List.of());
        for (String room : rooms) {
            try {
                RoomPattern.of(room);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("\"rooms\": " + e.getMessage());
            }
        }
        List<String> groups = JsonBodies.strings(request, "groups", List.of(Callers.USER_GROUP));
        long ttl = ttl(request);
        return Json.createObjectBuilder().add("token", issuer.mint(subject, rooms, groups, ttl)).build();
    }

    @GET
    @Path("jwks")
    @Operation(summary = "The demo signing key as a JSON Web Key Set", description = "MP-JWT verifies demo tokens with it.")
    public String jwks() {
        requireDemo();
        return issuer.publicJwks();
    }

    private void requireDemo() {
        if (!issuer.isEnabled()) {
            throw ProblemException.notFound("the /dev endpoints exist only in the demo configuration");
        }
    }

    private long ttl(JsonObject request) {
        JsonValue value = request.get("ttlSeconds");
        if (value == null || value == JsonValue.NULL) {
            return issuer.defaultTtlSeconds();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.longValue() < 1 || number.longValue() > MAX_TTL_SECONDS) {
            throw ProblemException.badRequest("\"ttlSeconds\" must be a whole number from 1 to " + MAX_TTL_SECONDS);
        }
        return number.longValue();
    }
}
