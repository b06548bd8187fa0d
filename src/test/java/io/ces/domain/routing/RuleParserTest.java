package io.ces.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.json.spi.JsonProvider;

/** Validation on load and on PUT: every mistake, each with the rule's index and name. */
class RuleParserTest {

    private final RuleParser parser = new RuleParser(JsonProvider.provider());

    private List<String> errors(String json) {
        return assertThrows(InvalidDocumentException.class, () -> parser.parse(json.replace('\'', '"'))).errors();
    }

    private static void assertMentions(List<String> errors, String... parts) {
        String all = String.join("\n", errors);
        for (String part : parts) {
            assertTrue(all.contains(part), "expected \"" + part + "\" in:\n" + all);
        }
    }

    @Test
    void aValidDocumentIsKeptAsTheOperatorWroteIt() throws Exception {
        String json = "{\"rules\":[{\"name\":\"r\",\"description\":\"why\",\"when\":{\"type\":\"a\"},"
                + "\"to\":[{\"room\":\"x-{data.id}\"}]}]}";
        RoutingRules rules = parser.parse(json);
        assertEquals(1, rules.size());
        assertEquals(json, rules.document().toString());
    }

    @Test
    void everyMistakeIsReportedWithTheRuleIndexAndName() {
        List<String> errors = errors("{'rules':["
                + "{'name':'a','when':{},'to':[]},"
                + "{'name':'a','when':{},'to':[{'room':'x'}]},"
                + "{'name':'b','bogus':1,'when':{'type':'x'},'drop':true},"
                + "{'when':{},'drop':true}]}");
        assertEquals(4, errors.size(), errors.toString());
        assertMentions(errors, "rules[0] \"a\": \"to\" must be a non-empty array",
                "rules[1] \"a\": the name is used by an earlier rule too",
                "rules[2] \"b\": unknown field \"bogus\"",
                "rules[3]: \"name\" must be a non-empty string");
    }

    @Test
    void badTemplatesAreExplained() {
        List<String> errors = errors("{'rules':[{'name':'t','when':{},'to':["
                + "{'room':'a-{data.x'},{'room':'a-}'},{'room':'a-{}'},{'room':'bad room'},{'room':'a-{nope!}'},"
                + "{'room':''},{'user':'{data..x}'}]}]}");
        assertMentions(errors, "to[0].room: \"a-{data.x\" has an unclosed \"{\"", "to[1].room: \"a-}\" has a \"}\"",
                "to[2].room: \"a-{}\" has an empty placeholder", "to[3].room: \"bad room\" cannot make a valid room id",
                "to[4].room: \"nope!\" is neither", "to[5].room: must not be empty", "to[6].user: \"data..x\" has an empty step");
        assertEquals(7, errors.size(), errors.toString());
    }

    @Test
    void targetsNeedExactlyOneKnownKind() {
        List<String> errors = errors("{'rules':[{'name':'t','when':{},'to':[{'room':'a','user':'b'},{'channel':'c'},"
                + "{'room':5},'ops']}]}");
        assertMentions(errors, "to[0]: must be an object with exactly one of", "to[1]: unknown target kind \"channel\"",
                "to[2].room: must be a string", "to[3]: must be an object");
    }

    @Test
    void aRuleDropsOrRoutesNotBothNorNeither() {
        assertMentions(errors("{'rules':[{'name':'t','when':{},'drop':true,'to':[{'room':'a'}]}]}"),
                "either drops");
        assertMentions(errors("{'rules':[{'name':'t','when':{}}]}"), "\"to\" must be a non-empty array");
        assertMentions(errors("{'rules':[{'name':'t','when':{},'drop':'yes'}]}"), "\"drop\" must be true or false");
    }

    @Test
    void conditionsMustNameSomethingAndCompareWithText() {
        assertMentions(errors("{'rules':[{'name':'t','when':{'Type':'a','data.x':{'a':1},'header:':'x'},'drop':true}]}"),
                "\"Type\" is neither", "when.data.x must be a string, number or boolean", "\"header:\" names no header");
        assertMentions(errors("{'rules':[{'name':'t','drop':true}]}"), "\"when\" is missing");
        assertMentions(errors("{'rules':[{'name':'t','when':[],'drop':true}]}"), "\"when\" must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{'rules':{}}", "{'rules':[1]}", "{'rules':[],'extra':1}",
        "{'rules':[],'rules':[]}", "{'rules':[]} trailing"})
    void documentsThatAreNotRuleSetsAreRefused(String json) {
        assertTrue(!errors(json).isEmpty());
    }

    @Test
    void tooManyRulesAreRefused() {
        StringBuilder many = new StringBuilder("{\"rules\":[");
        for (int i = 0; i <= RuleParser.MAX_RULES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"r").append(i).append("\",\"when\":{},\"drop\":true}");
        }
        assertMentions(errors(many.append("]}").toString()), "at most " + RuleParser.MAX_RULES + " rules");
    }
}
