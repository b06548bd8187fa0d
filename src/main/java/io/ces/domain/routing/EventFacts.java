package io.ces.domain.routing;

import io.ces.domain.event.EventHeaders;
import jakarta.json.JsonObject;

/**
 * What rules may look at in one event: its CloudEvent attributes (data included) and its Kafka record's headers.
 *
 * @param attributes the event as a JSON object (structured mode as sent, binary mode rebuilt from the headers)
 */
public record EventFacts(JsonObject attributes, EventHeaders headers) {
}
