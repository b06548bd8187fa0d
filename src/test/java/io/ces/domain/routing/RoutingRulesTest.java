package io.ces.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import io.ces.domain.event.EventHeaders;
import io.ces.domain.event.Target;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/** Evaluating rules: first match wins, conditions on attributes, headers and data, templates, drop and fan-out. */
class RoutingRulesTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private final RuleParser parser = new RuleParser(JSON);

    private RoutingRules rules(String json) throws InvalidDocumentException {
        return parser.parse(json.replace('\'', '"'));
    }

    private static EventFacts event(String json, Map<String, String> headers) {
        JsonObject attributes = JSON.createReader(new StringReader(json.replace('\'', '"'))).readObject();
        return new EventFacts(attributes, new EventHeaders() {
            @Override
            public String get(String name) {
                return headers.get(name);
            }

            @Override
            public void forEach(BiConsumer<String, String> action) {
                headers.forEach(action);
            }
        });
    }

    private static EventFacts event(String json) {
        return event(json, Map.of());
    }

    private static final String ORDERS = "{'rules':["
            + "{'name':'drop-internal','when':{'header:x-internal':'true'},'drop':true},"
            + "{'name':'orders-to-customers','when':{'type':'order.updated'},'to':[{'room':'customer-{data.customerId}'}]},"
            + "{'name':'alerts','when':{'type':'alert.raised'},'to':[{'room':'ops'},{'user':'{data.assignee}'}]},"
            + "{'name':'any-order','when':{'type':'order.*'},'to':[{'room':'orders'}]}]}";

    @Test
    void aRuleDerivesTheRoomFromTheData() throws Exception {
        RoutingDecision decision = rules(ORDERS).decide(event(
                "{'type':'order.updated','source':'/o','data':{'customerId':'42'}}"));
        assertEquals(new RoutingDecision.Routed("orders-to-customers", List.of(Target.room("customer-42"))), decision);
    }

    @Test
    void theFirstMatchingRuleWins() throws Exception {
        RoutingDecision decision = rules(ORDERS).decide(event("{'type':'order.updated','data':{'customerId':'42'}}",
                Map.of("x-internal", "true")));
        assertEquals(new RoutingDecision.Dropped("drop-internal"), decision);
    }

    @Test
    void aGlobMatchesByPrefix() throws Exception {
        assertEquals(new RoutingDecision.Routed("any-order", List.of(Target.room("orders"))),
                rules(ORDERS).decide(event("{'type':'order.created'}")));
        assertSame(RoutingDecision.UNMATCHED, rules(ORDERS).decide(event("{'type':'orders'}")));
    }

    @Test
    void oneEventFansOutToSeveralTargetsOfDifferentKinds() throws Exception {
        assertEquals(new RoutingDecision.Routed("alerts", List.of(Target.room("ops"), Target.user("bob"))),
                rules(ORDERS).decide(event("{'type':'alert.raised','data':{'assignee':'bob'}}")));
    }

    @Test
    void theSameTargetTwiceIsDeliveredOnce() throws Exception {
        RoutingRules twice = rules("{'rules':[{'name':'r','when':{},'to':[{'room':'a-{data.x}'},{'room':'a-1'}]}]}");
        assertEquals(new RoutingDecision.Routed("r", List.of(Target.room("a-1"))),
                twice.decide(event("{'type':'t','data':{'x':1}}")));
    }

    @Test
    void noMatchLeavesTheEventToItsOwnTarget() throws Exception {
        assertSame(RoutingDecision.UNMATCHED, rules(ORDERS).decide(event("{'type':'chat.message','room':'cr_1'}")));
    }

    @Test
    void aMissingTemplateValueFailsTheRuleWithTheReason() throws Exception {
        RoutingDecision decision = rules(ORDERS).decide(event("{'type':'order.updated','data':{'other':1}}"));
        RoutingDecision.Failed failed = (RoutingDecision.Failed) decision;
        assertEquals("orders-to-customers", failed.rule());
        assertTrue(failed.reason().contains("{data.customerId}"), failed.reason());
    }

    @Test
    void aValueThatMakesNoValidRoomFailsTheRule() throws Exception {
        RoutingDecision decision = rules(ORDERS).decide(event(
                "{'type':'order.updated','data':{'customerId':'has space'}}"));
        assertTrue(((RoutingDecision.Failed) decision).reason().contains("invalid room"), decision.toString());
    }

    @Test
    void objectsAndNullsAreNoValues() throws Exception {
        assertTrue(rules(ORDERS).decide(event("{'type':'order.updated','data':{'customerId':{'a':1}}}"))
                instanceof RoutingDecision.Failed);
        assertTrue(rules(ORDERS).decide(event("{'type':'order.updated','data':{'customerId':null}}"))
                instanceof RoutingDecision.Failed);
        assertTrue(rules(ORDERS).decide(event("{'type':'order.updated','data':'text'}"))
                instanceof RoutingDecision.Failed);
    }

    @Test
    void numbersAndBooleansReadAsTheirJsonText() throws Exception {
        RoutingRules typed = rules("{'rules':[{'name':'r','when':{'data.vip':true,'data.level':3},"
                + "'to':[{'room':'level-{data.level}'}]}]}");
        assertEquals(new RoutingDecision.Routed("r", List.of(Target.room("level-3"))),
                typed.decide(event("{'type':'t','data':{'vip':true,'level':3}}")));
        assertSame(RoutingDecision.UNMATCHED, typed.decide(event("{'type':'t','data':{'vip':'false','level':3}}")));
    }

    @Test
    void conditionsReadExtensionsSubjectNestedDataPointersAndArrays() throws Exception {
        RoutingRules deep = rules("{'rules':[{'name':'r','when':{'tenant':'acme','subject':'orders/*',"
                + "'data/a.b/c':'x','data.items.0.sku':'s-1'},'to':[{'session':'{data.session}'}]}]}");
        assertEquals(new RoutingDecision.Routed("r", List.of(Target.session("s1"))), deep.decide(event(
                "{'type':'t','tenant':'acme','subject':'orders/7','data':{'a.b':{'c':'x'},'items':[{'sku':'s-1'}],"
                        + "'session':'s1'}}")));
        assertSame(RoutingDecision.UNMATCHED, deep.decide(event(
                "{'type':'t','tenant':'other','subject':'orders/7','data':{'a.b':{'c':'x'},'items':[{'sku':'s-1'}]}}")));
    }

    @Test
    void globsWithSeveralStarsAndNoneAtTheEnds() throws Exception {
        RoutingRules globs = rules("{'rules':[{'name':'r','when':{'source':'*/eu/*/v*'},'to':[{'room':'eu'}]}]}");
        assertTrue(globs.decide(event("{'source':'/shop/eu/orders/v2'}")) instanceof RoutingDecision.Routed);
        assertTrue(globs.decide(event("{'source':'/eu/x/v'}")) instanceof RoutingDecision.Routed);
        assertSame(RoutingDecision.UNMATCHED, globs.decide(event("{'source':'/shop/us/orders/v2'}")));
        assertSame(RoutingDecision.UNMATCHED, globs.decide(event("{'source':'/eu/v'}")));
    }

    @Test
    void anEmptyWhenMatchesEveryEvent() throws Exception {
        assertTrue(rules("{'rules':[{'name':'all','when':{},'drop':true}]}").decide(event("{'type':'x'}"))
                instanceof RoutingDecision.Dropped);
    }

    @Test
    void noRulesAreTheSharedEmptySet() throws Exception {
        RoutingRules none = rules("{'rules':[]}");
        assertSame(RoutingRules.NONE, none);
        assertTrue(none.isEmpty());
        assertEquals("{\"rules\":[]}", none.document().toString());
    }
}
