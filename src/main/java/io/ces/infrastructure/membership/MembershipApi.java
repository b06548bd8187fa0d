package io.ces.infrastructure.membership;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The membership service's contract: {@code GET {ces.membership.url}/rooms/{room}/members/{user}} answers
 * {@code {"member":true}} or {@code {"member":false}}. Any other answer, or none, is a failure.
 */
@Path("/rooms/{room}/members/{user}")
public interface MembershipApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject membership(@PathParam("room") String room, @PathParam("user") String user);
}
