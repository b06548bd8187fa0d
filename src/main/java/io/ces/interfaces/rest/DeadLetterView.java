package io.ces.interfaces.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.ces.application.DeadLetterAdmin;
import io.ces.domain.deadletter.DeadLetterHeaders;
import io.ces.domain.deadletter.StoredDeadLetter;

/** A dead letter as operators see it; the listing leaves out the record's value and headers. */
@Schema(name = "DeadLetter")
public record DeadLetterView(
        @Schema(description = "Position in the dead-letter topic, partition-offset", example = "0-42") String id,
        @Schema(description = "When it was dead-lettered") Instant storedAt,
        @Schema(example = "schema-invalid") String reason,
        @Schema(description = "What went wrong, such as the schema validation errors") String detail,
        @Schema(enumeration = {"pending", "replayed", "skipped"}) String status,
        @Schema(description = "The room the event was for, when it names one") String room,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        @Schema(description = "Retries before it was dead-lettered") Integer retries,
        @Schema(description = "How often this event was replayed before it landed here") int replayCount,
        String replica,
        @Schema(description = "Only when reading one: the record key") String key,
        @Schema(description = "Only when reading one: the value as text, when it is UTF-8") String value,
        @Schema(description = "Only when reading one: the value in base64, when it is not UTF-8") String valueBase64,
        @Schema(description = "Only when reading one: every header as text") Map<String, String> headers) {

    static DeadLetterView summary(DeadLetterAdmin.Entry entry) {
        return of(entry, false);
    }

    static DeadLetterView detail(DeadLetterAdmin.Entry entry) {
        return of(entry, true);
    }

    private static DeadLetterView of(DeadLetterAdmin.Entry entry, boolean detail) {
        StoredDeadLetter letter = entry.letter();
        String text = detail ? letter.valueAsText().orElse(null) : null;
        String base64 = detail && text == null && letter.value() != null
                ? Base64.getEncoder().encodeToString(letter.value()) : null;
        Map<String, String> headers = null;
        if (detail) {
            headers = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> header : letter.headers()) {
                headers.put(header.getKey(),
                        header.getValue() == null ? null : new String(header.getValue(), StandardCharsets.UTF_8));
            }
        }
        return new DeadLetterView(letter.id(), letter.storedAt(), letter.reason(),
                letter.header(DeadLetterHeaders.DETAIL), entry.status().name().toLowerCase(), entry.room(),
                letter.originalTopic(), number(letter.header(DeadLetterHeaders.PARTITION), Integer::valueOf),
                number(letter.header(DeadLetterHeaders.OFFSET), Long::valueOf),
                number(letter.header(DeadLetterHeaders.RETRIES), Integer::valueOf), letter.replayCount(),
                letter.header(DeadLetterHeaders.REPLICA), detail ? letter.key() : null, text, base64, headers);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
