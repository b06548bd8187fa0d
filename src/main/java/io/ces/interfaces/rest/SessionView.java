package io.ces.interfaces.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session as its owner or an administrator sees it. */
@Schema(name = "Session")
public record SessionView(
        String session,
        @Schema(description = "The token subject that owns the session") String user,
        @Schema(enumeration = {"connected", "disconnected"}) String status,
        @Schema(description = "Subscribed rooms, sorted") List<String> rooms,
        Instant createdAt,
        @Schema(description = "When the current or last connection attached; absent if none ever did") Instant connectedAt,
        @Schema(description = "When the session ends unless a client connects; absent while connected") Instant expiresAt) {
}
