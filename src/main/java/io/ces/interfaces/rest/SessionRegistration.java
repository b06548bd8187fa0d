package io.ces.interfaces.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a session registration. */
@Schema(name = "SessionRegistration", description = "A registered session and where to connect to it")
public record SessionRegistration(
        @Schema(description = "Session id", example = "q3ZkXh0c8mB7tq1yVxJm2A") String session,
        @Schema(description = "Opaque token a client presents to resume the session after a drop") String resumeToken,
        @Schema(description = "When the session ends if no client connects to it before") Instant expiresAt,
        @Schema(description = "WebSocket URL that attaches a connection to this session",
                example = "wss://ces.example.com/ws?session=q3ZkXh0c8mB7tq1yVxJm2A") String wsUrl) {
}
