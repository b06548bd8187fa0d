package io.ces.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ces.domain.deadletter.DeadLetterHeaders;
import io.ces.domain.deadletter.DeadLetterMarks;
import io.ces.domain.deadletter.DeadLetterQuery;
import io.ces.domain.deadletter.DeadLetterStatus;
import io.ces.domain.deadletter.DeadLetterTopic;
import io.ces.domain.deadletter.StoredDeadLetter;

/**
 * What operators do with dead letters: find them, replay them to their original topic once the cause is fixed,
 * skip them, purge old ones. A replayed event carries {@code ces-replay-count}; past {@code ces.dlq.max-replays}
 * it is refused, so an event that keeps failing cannot circle between the topics for ever.
 */
@ApplicationScoped
public class DeadLetterAdmin {

    /** A dead letter with what operators did with it and the room its event was for. */
    public record Entry(StoredDeadLetter letter, DeadLetterStatus status, String room) {
    }

    /** One page of a listing; {@code truncated} when the scan stopped at its bound before the end of the topic. */
    public record Page(List<Entry> entries, int scanned, boolean truncated) {
    }

    /** The outcome of a bulk replay. */
    public record BulkReplay(List<String> replayed, Map<String, String> refused) {
    }

    @Inject
    DeadLetterTopic topic;

    @Inject
    DeadLetterMarks marks;

    @Inject
    @ConfigProperty(name = "ces.dlq.max-replays", defaultValue = "3")
    int maxReplays;

    @Inject
    @ConfigProperty(name = "ces.dlq.max-scan", defaultValue = "10000")
    int maxScan;

    public Page list(DeadLetterQuery query, boolean includeHandled) {
        Map<String, Entry> entries = new HashMap<>();
        DeadLetterTopic.Scan scan = topic.scan(query.from(), letter -> {
            String room = roomOf(letter);
            if (!query.matches(letter, room)) {
                return false;
            }
            DeadLetterStatus status = marks.status(letter.id());
            if (!includeHandled && status != DeadLetterStatus.PENDING) {
                return false;
            }
            entries.put(letter.id(), new Entry(letter, status, room));
            return true;
        }, query.limit(), maxScan);
        return new Page(scan.letters().stream().map(letter -> entries.get(letter.id())).toList(), scan.scanned(),
                scan.truncated());
    }

    public Entry find(String id) throws DeadLetterNotFoundException {
        StoredDeadLetter letter = topic.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        return new Entry(letter, marks.status(id), roomOf(letter));
    }

    /** Writes the original event back to its topic, marked as a replay; answers the topic. */
    public String replay(String id) throws DeadLetterNotFoundException, ReplayRefusedException {
        Entry entry = find(id);
        StoredDeadLetter letter = entry.letter();
        if (entry.status() != DeadLetterStatus.PENDING) {
            throw new ReplayRefusedException("dead letter " + id + " was " + entry.status().name().toLowerCase()
                    + " already");
        }
        if (letter.replayCount() >= maxReplays) {
            throw new ReplayRefusedException("the event of dead letter " + id + " was replayed " + letter.replayCount()
                    + " times already, the limit (ces.dlq.max-replays) is " + maxReplays);
        }
        String original = letter.originalTopic();
        if (original == null) {
            throw new ReplayRefusedException("dead letter " + id + " does not say which topic it came from");
        }
        if (!marks.claimForReplay(id)) {
            throw new ReplayRefusedException("dead letter " + id + " is being replayed or was handled meanwhile");
        }
        List<Map.Entry<String, byte[]>> headers = new ArrayList<>(letter.originalHeaders());
        headers.add(header(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(letter.replayCount() + 1)));
        headers.add(header(DeadLetterHeaders.REPLAY_OF, id));
        try {
            topic.republish(original, letter.key(), letter.value(), headers);
        } catch (RuntimeException failed) {
            marks.releaseReplay(id);
            throw failed;
        }
        return original;
    }

    public BulkReplay replayAll(DeadLetterQuery query) {
        List<String> replayed = new ArrayList<>();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (Entry entry : list(query, false).entries()) {
            String id = entry.letter().id();
            try {
                replay(id);
                replayed.add(id);
            } catch (DeadLetterNotFoundException | ReplayRefusedException e) {
                refused.put(id, e.getMessage());
            }
        }
        return new BulkReplay(replayed, refused);
    }

    public void skip(String id) throws DeadLetterNotFoundException {
        find(id);
        marks.mark(id, DeadLetterStatus.SKIPPED);
    }

    public long purgeBefore(Instant before) {
        return topic.purgeBefore(before);
    }

    /** The room the dead-lettered event was for: its {@code ce_room} header, or its structured {@code room}. */
    static String roomOf(StoredDeadLetter letter) {
        String header = letter.header("ce_room");
        if (header != null) {
            return header;
        }
        if (letter.header("ce_specversion") != null) {
            // binary mode: the value is the event's data, whose "room" says nothing about the target
            return null;
        }
        String text = letter.valueAsText().orElse("");
        if (!text.stripLeading().startsWith("{")) {
            return null;
        }
        try (var reader = Json.createReader(new java.io.StringReader(text))) {
            JsonValue room = reader.readObject().get("room");
            return room instanceof JsonString string ? string.getString() : null;
        } catch (ClassCastException | jakarta.json.JsonException notAnObject) {
            return null;
        }
    }

    private static Map.Entry<String, byte[]> header(String name, String value) {
        return new SimpleImmutableEntry<>(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
