package io.ces.interfaces.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of dead letters, oldest first. */
@Schema(name = "DeadLetterList")
public record DeadLetterList(
        List<DeadLetterView> items,
        @Schema(description = "Records read from the dead-letter topic to answer") int scanned,
        @Schema(description = "True when the scan stopped at ces.dlq.max-scan or the limit before the end of the "
                + "topic: narrow the time range to see more") boolean truncated) {
}
