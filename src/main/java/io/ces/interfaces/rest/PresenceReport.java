package io.ces.interfaces.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.ces.domain.presence.PresenceView;

/** A room's presence: how many users are in it and, in a room no larger than the listed maximum, who. */
@Schema(name = "PresenceReport", description = "The users connected to a room, deduplicated per user")
public record PresenceReport(
        @Schema(description = "The room") String room,
        @Schema(description = "How many users have at least one connected session subscribed to the room") int count,
        @Schema(description = "The users, sorted; absent when the room has more than ces.presence.max-listed-members",
                nullable = true) List<String> members) {

    static PresenceReport of(PresenceView view) {
        return new PresenceReport(view.room(), view.count(), view.members());
    }
}
