package io.ces.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The additional topics: names and a pattern, CES's own topics reserved, add and remove. */
class TopicSelectionTest {

    private static final Set<String> RESERVED = Set.of("ces.events", "ces.events.dlq", "ces.control");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    private static List<String> errors(String text) {
        return assertThrows(InvalidDocumentException.class, () -> TopicSelection.parse(json(text), RESERVED)).errors();
    }

    @Test
    void namesAndAPatternAreRead() throws Exception {
        TopicSelection selection = TopicSelection.parse(json("{'topics':['a','b','a'],'pattern':'orders\\\\..*'}"),
                RESERVED);
        assertEquals(List.of("a", "b"), selection.topics());
        assertEquals("orders\\..*", selection.pattern());
        assertEquals("{\"topics\":[\"a\",\"b\"],\"pattern\":\"orders\\\\..*\"}", selection.toJson().toString());
    }

    @Test
    void mistakesAreListed() {
        List<String> errors = errors("{'topics':['ok','bad name','ces.events',5],'pattern':'(','more':1}");
        String all = String.join("\n", errors);
        assertEquals(5, errors.size(), all);
        assertTrue(all.contains("unknown field \"more\""), all);
        assertTrue(all.contains("topics[1]: \"bad name\" is not a valid topic name"), all);
        assertTrue(all.contains("topics[2]: \"ces.events\" is one of CES's own topics"), all);
        assertTrue(all.contains("topics[3]: must be a string"), all);
        assertTrue(all.contains("\"pattern\" is not a valid regular expression"), all);
        assertTrue(!errors("{'topics':'a'}").isEmpty());
        assertTrue(!errors("{'pattern':1}").isEmpty());
    }

    @Test
    void theSubscriptionPatternNeverMatchesReservedTopics() throws Exception {
        Pattern subscription = TopicSelection.parse(json("{'topics':['x.y'],'pattern':'ces\\\\..*'}"), RESERVED)
                .subscription(RESERVED);
        assertTrue(subscription.matcher("x.y").matches());
        assertFalse(subscription.matcher("xzy").matches(), "names are literal");
        assertTrue(subscription.matcher("ces.events.more").matches());
        assertFalse(subscription.matcher("ces.events").matches());
        assertFalse(subscription.matcher("ces.events.dlq").matches());
        assertFalse(subscription.matcher("ces.control").matches());
    }

    @Test
    void addAndRemoveKeepOrderAndThePattern() {
        TopicSelection selection = new TopicSelection(List.of("a"), "p.*").with("b").with("a").without("a");
        assertEquals(List.of("b"), selection.topics());
        assertEquals("p.*", selection.pattern());
        assertTrue(new TopicSelection(List.of("a"), "").without("a").isEmpty());
    }

    @Test
    void theConfiguredListLeavesOutBlanksAndReservedTopics() {
        assertEquals(List.of("a", "b"),
                TopicSelection.configured(List.of(" a ", "", "ces.events", "b", "a"), RESERVED).topics());
    }
}
