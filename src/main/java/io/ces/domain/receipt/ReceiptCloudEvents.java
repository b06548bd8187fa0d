package io.ces.domain.receipt;

import jakarta.json.spi.JsonProvider;

/**
 * Receipts as CloudEvents 1.0 in structured mode, the form they take on the receipts topic:
 * {@code {"specversion":"1.0","id":...,"source":"/ces/<replica>","type":"ces.receipt.delivered","subject":"<room>",
 * "time":...,"datacontenttype":"application/json","data":{"user":...,"session":...,"room":...,"seq":42,
 * "eventId":...,"deliveredAt":...}}}; {@code eventId} is left out when it is not known, and a read receipt has
 * {@code readAt} instead of {@code deliveredAt}.
 */
public final class ReceiptCloudEvents {

    private final JsonProvider json;
    private final String source;

    /** @param replica this replica's id; the events' source is {@code /ces/<replica>} */
    public ReceiptCloudEvents(JsonProvider json, String replica) {
        this.json = json;
        this.source = "/ces/" + replica;
    }

    public String encode(Receipt receipt) {
        var data = json.createObjectBuilder()
                .add("user", receipt.user())
                .add("session", receipt.session())
                .add("room", receipt.room())
                .add("seq", receipt.seq());
        if (receipt.eventId() != null) {
            data.add("eventId", receipt.eventId());
        }
        data.add(receipt.kind().timeField(), receipt.at().toString());
        return json.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", receipt.cloudEventId())
                .add("source", source)
                .add("type", receipt.kind().eventType())
                .add("subject", receipt.room())
                .add("time", receipt.at().toString())
                .add("datacontenttype", "application/json")
                .add("data", data)
                .build().toString();
    }
}
