package io.ces.interfaces.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of a session registration. Documentation only: the resource parses the JSON itself. */
@Schema(name = "SessionRequest", description = "Optional registration body")
public record SessionRequest(
        @Schema(description = "Rooms to subscribe the session to right away; each must be granted by the token",
                example = "[\"cr_123\"]") List<String> rooms) {
}
