package io.ces.domain.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The additional topics CES consumes besides the main one: topic names, one regular expression (Java syntax, matched
 * against the whole topic name), or both. The document is {@code {"topics":["a","b"],"pattern":"orders\\..*"}}.
 *
 * <p>CES's own topics (the main topic, the dead-letter, presence, receipts and control topics) are reserved: naming
 * one is an error, and the subscription pattern leaves them out even if the operator's pattern matches them.
 */
public record TopicSelection(List<String> topics, String pattern) {

    public static final TopicSelection NONE = new TopicSelection(List.of(), null);

    /** Kafka's own limits on a topic name. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> FIELDS = Set.of("topics", "pattern");

    public TopicSelection {
        topics = List.copyOf(topics);
        if (pattern != null && pattern.isEmpty()) {
            pattern = null;
        }
    }

    public boolean isEmpty() {
        return topics.isEmpty() && pattern == null;
    }

    /** The same selection with one more topic name (kept once, in the order first added). */
    public TopicSelection with(String topic) {
        Set<String> more = new LinkedHashSet<>(topics);
        more.add(topic);
        return new TopicSelection(new ArrayList<>(more), pattern);
    }

    /** The same selection without one topic name; a pattern that matches it still does. */
    public TopicSelection without(String topic) {
        List<String> fewer = new ArrayList<>(topics);
        fewer.remove(topic);
        return new TopicSelection(fewer, pattern);
    }

    /**
     * The selection as a list of names and a pattern from configuration (comma-separated names; empty entries and
     * reserved topics left out, as CES has always done with the main topic).
     */
    public static TopicSelection configured(Collection<String> names, Set<String> reserved) {
        List<String> kept = names.stream().map(String::trim).filter(t -> !t.isEmpty() && !reserved.contains(t))
                .distinct().toList();
        return new TopicSelection(kept, null);
    }

    /** Reads and checks a document; {@code reserved} are the topics that cannot be named. */
    public static TopicSelection parse(JsonObject document, Set<String> reserved) throws InvalidDocumentException {
        List<String> errors = new ArrayList<>();
        for (String field : document.keySet()) {
            if (!FIELDS.contains(field)) {
                errors.add("unknown field \"" + field + "\" (known: pattern, topics)");
            }
        }
        List<String> names = new ArrayList<>();
        JsonValue listed = document.get("topics");
        if (listed != null && listed != JsonValue.NULL) {
            if (listed instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof JsonString name) {
                        String topic = name.getString();
                        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                            errors.add("topics[" + i + "]: \"" + topic + "\" is not a valid topic name "
                                    + "(1 to 249 of a-z A-Z 0-9 . _ -)");
                        } else if (reserved.contains(topic)) {
                            errors.add("topics[" + i + "]: \"" + topic + "\" is one of CES's own topics "
                                    + reserved.stream().sorted().toList() + "; the main topic is always consumed and "
                                    + "the others never are");
                        } else if (!names.contains(topic)) {
                            names.add(topic);
                        }
                    } else {
                        errors.add("topics[" + i + "]: must be a string");
                    }
                }
            } else {
                errors.add("\"topics\" must be an array of topic names");
            }
        }
        String pattern = null;
        JsonValue patternValue = document.get("pattern");
        if (patternValue != null && patternValue != JsonValue.NULL) {
            if (patternValue instanceof JsonString text) {
                pattern = text.getString();
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    errors.add("\"pattern\" is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex());
                }
            } else {
                errors.add("\"pattern\" must be a string");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new TopicSelection(names, pattern);
    }

    /**
     * One pattern that a Kafka consumer can subscribe with: the names, or the operator's pattern, but none of the
     * reserved topics. Kafka matches it against whole topic names.
     */
    public Pattern subscription(Set<String> reserved) {
        StringBuilder regex = new StringBuilder();
        for (String topic : reserved.stream().sorted().toList()) {
            regex.append("(?!").append(Pattern.quote(topic)).append("$)");
        }
        regex.append("(?:");
        List<String> alternatives = new ArrayList<>();
        topics.forEach(t -> alternatives.add(Pattern.quote(t)));
        if (pattern != null) {
            alternatives.add("(?:" + pattern + ")");
        }
        regex.append(String.join("|", alternatives)).append(")");
        return Pattern.compile(regex.toString());
    }

    public JsonObject toJson() {
        JsonArrayBuilder names = Json.createArrayBuilder();
        topics.forEach(names::add);
        JsonObjectBuilder document = Json.createObjectBuilder().add("topics", names);
        if (pattern != null) {
            document.add("pattern", pattern);
        }
        return document.build();
    }
}
