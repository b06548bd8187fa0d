package io.ces.interfaces.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ces.application.RoomForbiddenException;
import io.ces.application.SessionLimitException;
import io.ces.application.SessionService;
import io.ces.application.SessionSummary;
import io.ces.domain.session.Caller;
import io.ces.domain.session.ClientSession;
import io.ces.infrastructure.config.GatewaySettings;
import io.ces.infrastructure.security.Callers;

/** Session registration: a backend or browser registers a session, then connects its WebSocket to it. */
@Path("/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid token",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "The token lacks group ces.user",
        content = @Content(mediaType = Problems.MEDIA_TYPE))
public class SessionResource {

    /** The cookie a browser's WebSocket upgrade carries the token in (server.xml, mpJwt cookieJwt). */
    static final String TOKEN_COOKIE = "ces_token";

    /** What a refused registration looks like, for the OpenAPI document. */
    static final String RATE_LIMITED_EXAMPLE = "{\"type\":\"https://ces.io/problems/rate-limited\","
            + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"registrations from this address: "
            + "retry in 12 s\",\"instance\":\"/api/sessions\"}";

    @Inject
    SessionService sessions;

    @Inject
    GatewaySettings settings;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @POST
    @Operation(summary = "Register a session",
            description = "Creates a session owned by the token's subject, optionally subscribed to rooms. The answer "
                    + "also sets the ces_token cookie (HttpOnly, path /ws) so that a browser's WebSocket upgrade is "
                    + "authenticated with the same token.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SessionRequest.class),
            examples = @ExampleObject(name = "two rooms", value = "{\"rooms\":[\"cr_1\",\"cr_2\"]}")))
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionRegistration.class)),
            headers = {
                @Header(name = "RateLimit-Limit", description = "Registrations this client address may make at once",
                        schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "RateLimit-Remaining", description = "Registrations left now",
                        schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "RateLimit-Reset", description = "Seconds until the budget is full again",
                        schema = @Schema(type = SchemaType.INTEGER))})
    @APIResponse(responseCode = "400", description = "The body is not a valid registration",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "A requested room is not granted by the token",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "This client address made too many registrations (problem type "
            + "rate-limited, with Retry-After and the RateLimit headers), or the user or this replica has the maximum "
            + "number of sessions (problem type session-limit)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited",
                    value = RATE_LIMITED_EXAMPLE)),
            headers = @Header(name = "Retry-After", description = "Seconds until a registration would be allowed "
                    + "(rate-limited only)", schema = @Schema(type = SchemaType.INTEGER)))
    public Response register(String body) {
        Caller caller = caller();
        List<String> rooms = JsonBodies.strings(JsonBodies.object(body), "rooms", List.of());
        ClientSession session;
        try {
            session = sessions.register(caller, rooms);
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.badRequest(invalid.getMessage());
        } catch (RoomForbiddenException forbidden) {
            throw ProblemException.forbidden(forbidden.getMessage());
        } catch (SessionLimitException limit) {
            throw new ProblemException(429, "session-limit", "Too many sessions", limit.getMessage());
        }
        SessionRegistration registration = new SessionRegistration(session.id(), session.resumeToken(),
                sessions.expiresAt(session), wsUrl(session.id()));
        Response.ResponseBuilder created = Response.created(uri.getAbsolutePathBuilder().path(session.id()).build())
                .entity(registration);
        NewCookie cookie = tokenCookie();
        return (cookie == null ? created : created.cookie(cookie)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a session",
            description = "Only its owner or an administrator (group ces.admin) sees it, on any replica.")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session, or not the caller's",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public SessionView read(@PathParam("id") String id) {
        SessionSummary session = sessions.find(caller(), id).orElseThrow(() -> notFound(id));
        return new SessionView(session.id(), session.userId(), session.connected() ? "connected" : "disconnected",
                session.rooms(), session.createdAt(), session.connectedAt(), session.expiresAt());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Close a session",
            description = "Ends the session on any replica; its connection, if any, is closed with WebSocket close "
                    + "code 4000 (at once on this replica, within one heartbeat on another).")
    @APIResponse(responseCode = "204", description = "Closed")
    @APIResponse(responseCode = "404", description = "No such session, or not the caller's",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response close(@PathParam("id") String id) {
        if (!sessions.close(caller(), id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private Caller caller() {
        if (security.getUserPrincipal() instanceof JsonWebToken token) {
            return Callers.fromToken(token);
        }
        throw new ProblemException(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no session " + id + " for this caller");
    }

    private String wsUrl(String sessionId) {
        String base = settings.publicWsUrl();
        if (base.isEmpty()) {
            URI request = uri.getBaseUri();
            String scheme = "https".equals(request.getScheme()) ? "wss" : "ws";
            String port = request.getPort() < 0 ? "" : ":" + request.getPort();
            base = scheme + "://" + request.getHost() + port + "/ws";
        }
        return base + (base.contains("?") ? "&" : "?") + "session=" + sessionId;
    }

    /** The bearer token again as an HttpOnly cookie scoped to /ws, valid as long as the token. */
    private NewCookie tokenCookie() {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !(security.getUserPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        long lifetime = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime())).getSeconds();
        if (lifetime <= 0) {
            return null;
        }
        return new NewCookie.Builder(TOKEN_COOKIE)
                .value(authorization.substring(7).trim())
                .path("/ws")
                .maxAge((int) Math.min(lifetime, Integer.MAX_VALUE))
                .httpOnly(true)
                .secure(security.isSecure())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
