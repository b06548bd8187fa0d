package io.ces.domain.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record as read back from the dead-letter topic.
 *
 * @param id where it is in the dead-letter topic, {@code partition-offset}; stable, so operators can refer to it
 * @param storedAt when it was dead-lettered
 * @param headers every header in order, the original's and CES's, as raw bytes
 */
public record StoredDeadLetter(String id, Instant storedAt, String key, byte[] value,
        List<Map.Entry<String, byte[]>> headers) {

    public String header(String name) {
        String found = null;
        for (Map.Entry<String, byte[]> header : headers) {
            if (header.getKey().equals(name) && header.getValue() != null) {
                found = new String(header.getValue(), StandardCharsets.UTF_8);
            }
        }
        return found;
    }

    public String reason() {
        return Optional.ofNullable(header(DeadLetterHeaders.REASON)).orElse("unknown");
    }

    public String originalTopic() {
        return header(DeadLetterHeaders.TOPIC);
    }

    /** How often the event was replayed before it landed here again; 0 for a first failure. */
    public int replayCount() {
        String count = header(DeadLetterHeaders.REPLAY_COUNT);
        try {
            return count == null ? 0 : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value as text when it is valid UTF-8, as most events are; empty for binary values. */
    public Optional<String> valueAsText() {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    /** The headers of the original record, without the ones CES added. */
    public List<Map.Entry<String, byte[]>> originalHeaders() {
        return headers.stream().filter(h -> !DeadLetterHeaders.isDeadLetterHeader(h.getKey())
                && !h.getKey().equals(DeadLetterHeaders.REPLAY_COUNT) && !h.getKey().equals(DeadLetterHeaders.REPLAY_OF))
                .toList();
    }
}
