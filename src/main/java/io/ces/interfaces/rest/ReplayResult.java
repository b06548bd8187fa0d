package io.ces.interfaces.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a replay did: the dead letters written back to their topics, and the ones refused with the reason. */
@Schema(name = "ReplayResult")
public record ReplayResult(List<String> replayed, Map<String, String> refused) {
}
