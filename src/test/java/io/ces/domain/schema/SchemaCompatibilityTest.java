package io.ces.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Schemas are written with single quotes for readability; each case is one old schema against one new one. */
class SchemaCompatibilityTest {

    @Test
    void identicalSchemasAreCompatible() {
        assertCompatible("{'type':'object','properties':{'a':{'type':'string','pattern':'^x'}},'required':['a']}",
                "{'type':'object','properties':{'a':{'type':'string','pattern':'^x'}},'required':['a']}");
    }

    @Test
    void annotationsMayChangeFreely() {
        assertCompatible("{'$id':'https://x/v1','title':'A','description':'a','type':'string','default':'x'}",
                "{'$id':'https://x/v2','$schema':'https://json-schema.org/draft/2020-12/schema','title':'B',"
                        + "'description':'b','$comment':'c','examples':['y'],'default':'y','deprecated':true,"
                        + "'readOnly':true,'writeOnly':false,'$defs':{'unused':{'type':'null'}},'type':'string'}");
    }

    @Nested
    class BooleanSchemas {

        @Test
        void newTrueAcceptsAnything() {
            assertCompatible("{'properties':{'a':{'type':'string'}}}", "{'properties':{'a':true}}");
        }

        @Test
        void oldFalseAcceptedNothing() {
            assertCompatible("{'properties':{'a':false}}", "{'properties':{'a':{'type':'integer','minimum':5}}}");
        }

        @Test
        void newFalseRejectsWhatOldAccepted() {
            assertEquals(List.of("/properties/a: new accepts nothing here, old accepts some values"),
                    check("{'properties':{'a':{'type':'string'}}}", "{'properties':{'a':false}}"));
        }

        @Test
        void oldTrueIsLikeAnEmptySchema() {
            assertIncompatible("{'properties':{'a':true}}", "{'properties':{'a':{'type':'string'}}}",
                    "/properties/a/type: old allows any type, new allows only string");
        }

        @Test
        void newSchemaWithOnlyAnnotationsAcceptsAnything() {
            assertCompatible("{'properties':{'a':true}}", "{'properties':{'a':{'description':'anything'}}}");
        }
    }

    @Nested
    class Types {

        @Test
        void numberNarrowedToIntegerIsIncompatible() {
            assertEquals(List.of("/properties/price/type: old allows number, new allows only integer"),
                    check("{'properties':{'price':{'type':'number'}}}", "{'properties':{'price':{'type':'integer'}}}"));
        }

        @Test
        void integerWidenedToNumberIsCompatible() {
            assertCompatible("{'type':'integer'}", "{'type':'number'}");
        }

        @Test
        void addingATypeToAListIsCompatible() {
            assertCompatible("{'type':'string'}", "{'type':['string','null']}");
        }

        @Test
        void droppingATypeFromAListIsIncompatible() {
            assertIncompatible("{'type':['string','null']}", "{'type':'string'}",
                    "/type: old allows null or string, new allows only string");
        }

        @Test
        void addingATypeWhereOldHadNoneIsIncompatible() {
            assertIncompatible("{}", "{'type':'object'}", "/type: old allows any type, new allows only object");
        }

        @Test
        void typeOfListedOldValuesIsEnough() {
            assertCompatible("{'enum':['a','b']}", "{'type':'string','enum':['a','b','c']}");
            assertCompatible("{'const':1.0}", "{'type':'integer'}");
        }

        @Test
        void anInvalidTypeCannotBeProven() {
            assertIncompatible("{'type':'string'}", "{'type':'text'}", "/type: cannot prove compatibility");
        }
    }

    @Nested
    class Required {

        @Test
        void requiringANewPropertyIsIncompatible() {
            assertEquals(List.of("/required: new requires \"b\", which old did not"),
                    check("{'required':['a']}", "{'required':['a','b']}"));
        }

        @Test
        void requiringLessIsCompatible() {
            assertCompatible("{'required':['a','b']}", "{'required':['b']}");
        }

        @Test
        void requiredDoesNotMatterWhereOldAcceptsNoObjects() {
            assertCompatible("{'type':'string'}", "{'type':'string','required':['a']}");
        }
    }

    @Nested
    class Properties {

        @Test
        void tighteningAPropertyIsIncompatible() {
            assertIncompatible("{'properties':{'a':{'type':'string','maxLength':10}}}",
                    "{'properties':{'a':{'type':'string','maxLength':5}}}",
                    "/properties/a/maxLength: new allows at most 5 characters, where old allowed 10");
        }

        @Test
        void relaxingAPropertyIsCompatible() {
            assertCompatible("{'properties':{'a':{'type':'string','maxLength':5}}}",
                    "{'properties':{'a':{'type':['string','null'],'maxLength':10}}}");
        }

        @Test
        void droppingAPropertyWhileAdditionalOnesAreAllowedIsCompatible() {
            assertCompatible("{'properties':{'a':{'type':'string'},'b':{'type':'string'}}}",
                    "{'properties':{'a':{'type':'string'}}}");
        }

        @Test
        void constrainingAPropertyThatAnOpenOldObjectDidNotDeclareIsIncompatible() {
            // v1 producers may already send "attachments": 42, which v1 accepted as an additional property
            assertIncompatible("{'type':'object','properties':{'text':{'type':'string'}}}",
                    "{'type':'object','properties':{'text':{'type':'string'},"
                            + "'attachments':{'type':'array','items':{'type':'string'}}}}",
                    "/properties/attachments/type: old allows any type, new allows only array"
                            + " (old does not declare \"attachments\" and accepts any value for it)");
        }

        @Test
        void declaringAPropertyWithoutConstraintsIsCompatible() {
            assertCompatible("{'properties':{'text':{'type':'string'}}}",
                    "{'properties':{'text':{'type':'string'},'attachments':{'description':'links'}}}");
        }

        @Test
        void addingAPropertyToAClosedOldObjectIsCompatible() {
            assertCompatible("{'properties':{'a':{'type':'string'}},'additionalProperties':false}",
                    "{'properties':{'a':{'type':'string'},'b':{'type':'integer'}},'additionalProperties':false}");
        }

        @Test
        void aNewPropertyMustAcceptWhatOldAdditionalPropertiesAllowed() {
            assertCompatible("{'additionalProperties':{'type':'string'}}",
                    "{'properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string'}}");
            assertIncompatible("{'additionalProperties':{'type':'string'}}",
                    "{'properties':{'a':{'type':'string','maxLength':3}}}",
                    "/properties/a/maxLength: new allows at most 3 characters, where old had no limit"
                            + " (old does not declare \"a\", so its additionalProperties applied)");
        }

        @Test
        void propertyNamesAreEscapedInPointers() {
            assertIncompatible("{'properties':{'a/b~c':{'type':'number'}}}",
                    "{'properties':{'a/b~c':{'type':'integer'}}}", "/properties/a~1b~0c/type:");
        }

        @Test
        void oldPatternPropertiesMayHaveAcceptedAnything() {
            assertIncompatible("{'patternProperties':{'^a':{'type':'string'}}}",
                    "{'properties':{'ab':{'type':'string'}}}", "/properties/ab/type: old allows any type");
        }
    }

    @Nested
    class AdditionalProperties {

        @Test
        void forbiddingWhatOldAllowedIsIncompatible() {
            assertEquals(List.of("/additionalProperties: old allows properties it does not declare, new forbids them"),
                    check("{'properties':{'a':{}}}", "{'properties':{'a':{}},'additionalProperties':false}"));
        }

        @Test
        void constrainingWhatOldAllowedIsIncompatible() {
            assertIncompatible("{'additionalProperties':true}", "{'additionalProperties':{'type':'string'}}",
                    "/additionalProperties/type: old allows any type, new allows only string"
                            + " (for properties that neither version declares)");
        }

        @Test
        void stayingClosedIsCompatible() {
            assertCompatible("{'properties':{'a':{}},'additionalProperties':false}",
                    "{'properties':{'a':{}},'additionalProperties':false}");
        }

        @Test
        void openingUpIsCompatible() {
            assertCompatible("{'properties':{'a':{}},'additionalProperties':false}", "{'properties':{'a':{}}}");
            assertCompatible("{'additionalProperties':{'type':'integer'}}",
                    "{'additionalProperties':{'type':'number'}}");
        }

        @Test
        void droppingADeclaredPropertyFromAClosedObjectIsIncompatible() {
            assertEquals(List.of("/additionalProperties: old declares \"b\", which new neither declares nor allows"),
                    check("{'properties':{'a':{},'b':{}},'additionalProperties':false}",
                            "{'properties':{'a':{}},'additionalProperties':false}"));
        }

        @Test
        void aDroppedPropertyMustFitTheNewAdditionalProperties() {
            assertCompatible("{'properties':{'b':{'type':'string'}},'additionalProperties':{'type':'string'}}",
                    "{'additionalProperties':{'type':'string'}}");
            assertIncompatible("{'properties':{'b':{'type':'integer'}},'additionalProperties':{'type':'string'}}",
                    "{'additionalProperties':{'type':'string'}}",
                    "/additionalProperties/type: old allows integer, new allows only string"
                            + " (for \"b\", which old declares and new does not)");
        }

        @Test
        void unchangedPatternsKeepTheirKeysOutOfAdditionalProperties() {
            assertCompatible("{'patternProperties':{'^x-':{'type':'string'}},'additionalProperties':false}",
                    "{'patternProperties':{'^x-':{'type':'string'}},'additionalProperties':false}");
            assertIncompatible("{'patternProperties':{'^x-':{'type':'string'}},'additionalProperties':false}",
                    "{'patternProperties':{'^y-':{'type':'string'}},'additionalProperties':false}",
                    "/additionalProperties: old allows properties it does not declare, new forbids them");
        }
    }

    @Nested
    class EnumAndConst {

        @Test
        void addingEnumValuesIsCompatible() {
            assertCompatible("{'enum':['a','b']}", "{'enum':['a','b','c']}");
        }

        @Test
        void droppingAnEnumValueIsIncompatible() {
            assertEquals(List.of("/enum: old allows \"b\", new does not"),
                    check("{'enum':['a','b']}", "{'enum':['a']}"));
        }

        @Test
        void addingAnEnumWhereOldListedNothingIsIncompatible() {
            assertIncompatible("{'type':'string'}", "{'type':'string','enum':['a']}",
                    "/enum: old allows values that the new enum does not list");
        }

        @Test
        void constMustBeTheOnlyValueOldAllowed() {
            assertCompatible("{'const':'a'}", "{'enum':['a','b']}");
            assertCompatible("{'enum':['a'],'type':'string'}", "{'const':'a'}");
            assertIncompatible("{'enum':['a','b']}", "{'const':'a'}", "/const: old allows \"b\", new does not");
            assertIncompatible("{'type':'string'}", "{'const':'a'}", "/const: old allows values other than \"a\"");
        }

        @Test
        void numbersAreComparedByValue() {
            assertCompatible("{'enum':[1,2.50]}", "{'enum':[1.0,2.5]}");
        }

        @Test
        void booleanAndNullTypesListTheirValues() {
            assertCompatible("{'type':'boolean'}", "{'enum':[false,true]}");
            assertCompatible("{'type':['boolean','null']}", "{'enum':[true,false,null]}");
            assertIncompatible("{'type':'boolean'}", "{'const':true}", "/const: old allows false, new does not");
        }

        @Test
        void listedOldValuesAreCheckedAgainstNewKeywords() {
            assertCompatible("{'enum':[1,2,3]}", "{'maximum':5,'multipleOf':1}");
            assertIncompatible("{'enum':[1,7]}", "{'maximum':5}", "/maximum: old allows 7, new does not");
            assertCompatible("{'enum':['ab','abc']}", "{'minLength':2}");
        }

        @Test
        void oldValuesThatOldRejectsItselfDoNotCount() {
            assertCompatible("{'type':'string','enum':['a',1]}", "{'type':'string'}");
            assertCompatible("{'enum':[]}", "{'type':'null'}");
        }
    }

    @Nested
    class NumberBounds {

        @Test
        void raisingTheMinimumIsIncompatible() {
            assertEquals(List.of("/minimum: new requires at least 10, where old required at least 5"),
                    check("{'minimum':5}", "{'minimum':10}"));
        }

        @Test
        void loweringTheMinimumIsCompatible() {
            assertCompatible("{'minimum':5}", "{'minimum':0}");
        }

        @Test
        void addingAMinimumIsIncompatible() {
            assertIncompatible("{'type':'number'}", "{'type':'number','minimum':0}",
                    "/minimum: new requires at least 0, where old had no lower bound");
        }

        @Test
        void exclusiveAndInclusiveBoundsAreCompared() {
            assertCompatible("{'exclusiveMinimum':0}", "{'minimum':0}");
            assertIncompatible("{'minimum':0}", "{'exclusiveMinimum':0}",
                    "/exclusiveMinimum: new requires more than 0, where old required at least 0");
            assertCompatible("{'minimum':1,'exclusiveMinimum':0}", "{'exclusiveMinimum':0.5}");
            assertCompatible("{'exclusiveMaximum':10}", "{'maximum':10}");
            assertIncompatible("{'maximum':10}", "{'exclusiveMaximum':10}",
                    "/exclusiveMaximum: new requires less than 10, where old required at most 10");
        }

        @Test
        void loweringTheMaximumIsIncompatible() {
            assertIncompatible("{'maximum':100}", "{'maximum':99.5}",
                    "/maximum: new requires at most 99.5, where old required at most 100");
            assertCompatible("{'maximum':99.5}", "{'maximum':100}");
        }

        @Test
        void boundsDoNotMatterWhereOldAcceptsNoNumbers() {
            assertCompatible("{'type':'string'}", "{'type':'string','minimum':3,'maximum':4,'multipleOf':2}");
        }

        @Test
        void multipleOfMustDivideWhatOldRequired() {
            assertCompatible("{'multipleOf':0.02}", "{'multipleOf':0.01}");
            assertIncompatible("{'multipleOf':0.01}", "{'multipleOf':0.02}",
                    "/multipleOf: new requires multiples of 0.02, where old required multiples of 0.01");
            assertCompatible("{'type':'integer'}", "{'type':'integer','multipleOf':0.5}");
            assertIncompatible("{'type':'number'}", "{'multipleOf':1}",
                    "/multipleOf: new requires multiples of 1, where old did not");
        }
    }

    @Nested
    class Counts {

        @Test
        void maxLengthMayOnlyGrow() {
            assertCompatible("{'maxLength':2000}", "{'maxLength':4000}");
            assertIncompatible("{'maxLength':4000}", "{'maxLength':2000}",
                    "/maxLength: new allows at most 2000 characters, where old allowed 4000");
            assertIncompatible("{'type':'string'}", "{'maxLength':10}",
                    "/maxLength: new allows at most 10 characters, where old had no limit");
        }

        @Test
        void minLengthMayOnlyShrink() {
            assertCompatible("{'minLength':3}", "{'minLength':1}");
            assertIncompatible("{'minLength':1}", "{'minLength':3}",
                    "/minLength: new requires at least 3 characters, where old required at least 1");
            assertIncompatible("{}", "{'minLength':1}",
                    "/minLength: new requires at least 1 character, where old required at least 0");
        }

        @Test
        void itemCounts() {
            assertCompatible("{'minItems':2,'maxItems':5}", "{'minItems':1,'maxItems':10}");
            assertIncompatible("{'minItems':1}", "{'minItems':2}", "/minItems: new requires at least 2 items");
            assertIncompatible("{'maxItems':5}", "{'maxItems':4}", "/maxItems: new allows at most 4 items");
        }

        @Test
        void propertyCounts() {
            assertCompatible("{'minProperties':2,'maxProperties':5}", "{'minProperties':1,'maxProperties':10}");
            assertIncompatible("{'maxProperties':5}", "{'maxProperties':4}", "/maxProperties: new allows at most 4");
            assertIncompatible("{}", "{'minProperties':1}", "/minProperties: new requires at least 1 property");
        }

        @Test
        void requiredPropertiesCountTowardsMinProperties() {
            assertCompatible("{'required':['a','b']}", "{'required':['a','b'],'minProperties':2}");
        }

        @Test
        void lengthsDoNotMatterWhereOldAcceptsNoStrings() {
            assertCompatible("{'type':'integer'}", "{'type':'integer','maxLength':1,'pattern':'^1$'}");
        }
    }

    @Nested
    class PatternAndFormat {

        @Test
        void anUnchangedPatternIsCompatible() {
            assertCompatible("{'pattern':'^[a-z]+$','maxLength':5}", "{'pattern':'^[a-z]+$','maxLength':6}");
        }

        @Test
        void droppingAPatternIsCompatible() {
            assertCompatible("{'pattern':'^[a-z]+$'}", "{}");
        }

        @Test
        void addingAPatternIsIncompatible() {
            assertIncompatible("{'type':'string'}", "{'type':'string','pattern':'^a'}",
                    "/pattern: new requires \"^a\", which old did not");
        }

        @Test
        void changingAPatternIsIncompatibleEvenWhenItLooksLooser() {
            assertIncompatible("{'pattern':'^[a-z]+$'}", "{'pattern':'^[a-z0-9]+$'}",
                    "/pattern: changed from \"^[a-z]+$\" to \"^[a-z0-9]+$\"");
        }

        @Test
        void formatMayOnlyStayOrGo() {
            assertCompatible("{'type':'string','format':'date'}", "{'type':'string','format':'date'}");
            assertCompatible("{'type':'string','format':'date'}", "{'type':'string'}");
            assertIncompatible("{'type':'string'}", "{'type':'string','format':'email'}",
                    "/format: new requires \"email\", which old did not");
            assertIncompatible("{'format':'date'}", "{'format':'date-time'}", "/format: changed from");
        }
    }

    @Nested
    class Arrays {

        @Test
        void tighteningItemsIsIncompatible() {
            assertIncompatible("{'type':'array','items':{'type':'number'}}",
                    "{'type':'array','items':{'type':'integer'}}",
                    "/items/type: old allows number, new allows only integer");
        }

        @Test
        void relaxingItemsIsCompatible() {
            assertCompatible("{'items':{'type':'integer'}}", "{'items':{'type':['number','string']}}");
            assertCompatible("{'items':{'type':'integer'}}", "{}");
        }

        @Test
        void addingItemsToAnyArrayIsIncompatible() {
            assertIncompatible("{'type':'array'}", "{'type':'array','items':{'type':'string'}}",
                    "/items/type: old allows any type, new allows only string");
        }

        @Test
        void prefixItemsAreComparedPositionByPosition() {
            assertCompatible("{'prefixItems':[{'type':'string'},{'type':'integer'}]}",
                    "{'prefixItems':[{'type':'string'},{'type':'number'}]}");
            assertIncompatible("{'prefixItems':[{'type':'string'},{'type':'number'}]}",
                    "{'prefixItems':[{'type':'string'},{'type':'integer'}]}",
                    "/prefixItems/1/type: old allows number, new allows only integer");
        }

        @Test
        void newPrefixItemsMustAcceptWhatOldItemsAllowed() {
            assertCompatible("{'items':{'type':'string'}}", "{'prefixItems':[{'type':'string'}]}");
            assertIncompatible("{'items':{'type':'string'}}", "{'prefixItems':[{'type':'string','minLength':1}]}",
                    "/prefixItems/0/minLength:");
        }

        @Test
        void newItemsMustAcceptWhatOldPrefixItemsAllowed() {
            assertCompatible("{'prefixItems':[{'type':'integer'}],'items':{'type':'string'}}",
                    "{'items':{'type':['integer','string']}}");
            assertIncompatible("{'prefixItems':[{'type':'integer'}],'items':{'type':'string'}}",
                    "{'items':{'type':'string'}}",
                    "/items/type: old allows integer, new allows only string (for item 0, which old describes in"
                            + " prefixItems)");
        }

        @Test
        void requiringUniqueItemsIsIncompatible() {
            assertIncompatible("{'type':'array'}", "{'type':'array','uniqueItems':true}",
                    "/uniqueItems: new requires unique items, old did not");
            assertCompatible("{'uniqueItems':true}", "{'uniqueItems':false}");
        }

        @Test
        void changedContainsCannotBeProven() {
            assertCompatible("{'contains':{'type':'string'},'minContains':2}",
                    "{'contains':{'type':'string'},'minContains':2}");
            assertIncompatible("{'contains':{'type':'string'},'minContains':2}",
                    "{'contains':{'type':'string'},'minContains':3}", "/contains: cannot prove compatibility");
        }
    }

    @Nested
    class References {

        private static final String PRICE_NUMBER = "{'$defs':{'price':{'type':'number'}},"
                + "'properties':{'price':{'$ref':'#/$defs/price'}}}";

        @Test
        void aChangedDefinitionBehindTheSameReferenceIsFound() {
            assertEquals(List.of("/$defs/price/type: old allows number, new allows only integer"),
                    check(PRICE_NUMBER, "{'$defs':{'price':{'type':'integer'}},"
                            + "'properties':{'price':{'$ref':'#/$defs/price'}}}"));
        }

        @Test
        void aRelaxedDefinitionIsCompatible() {
            assertCompatible(PRICE_NUMBER, "{'$defs':{'price':{'type':['number','string']}},"
                    + "'properties':{'price':{'$ref':'#/$defs/price'}}}");
        }

        @Test
        void aRenamedDefinitionIsCompatible() {
            assertCompatible(PRICE_NUMBER, "{'$defs':{'amount':{'type':'number'}},"
                    + "'properties':{'price':{'$ref':'#/$defs/amount'}}}");
        }

        @Test
        void aDefinitionInlinedOrExtractedIsCompatible() {
            assertCompatible(PRICE_NUMBER, "{'properties':{'price':{'type':'number'}}}");
            assertCompatible("{'properties':{'price':{'type':'number'}}}", PRICE_NUMBER);
        }

        @Test
        void referencesBesideOtherKeywordsAreFollowed() {
            assertCompatible("{'$defs':{'n':{'type':'integer'}},'$ref':'#/$defs/n','minimum':0}",
                    "{'type':'number','minimum':0}");
            assertIncompatible("{'type':'number'}",
                    "{'$defs':{'n':{'type':'number'}},'$ref':'#/$defs/n','minimum':0}",
                    "/minimum: new requires at least 0, where old had no lower bound");
        }

        @Test
        void oldReferencesAndAllOfMembersTogetherBoundWhatOldAccepted() {
            assertCompatible("{'allOf':[{'type':'integer'}],'minimum':0}", "{'type':'number','minimum':0}");
            String base = "{'$defs':{'base':{'properties':{'id':{'type':'%s'}}}},'$ref':'#/$defs/base',"
                    + "'properties':{'text':{'type':'string'}}}";
            assertCompatible(base.formatted("integer"),
                    "{'properties':{'id':{'type':'number'},'text':{'type':'string'}}}");
            assertIncompatible(base.formatted("number"), "{'properties':{'id':{'type':'integer'},'text':{}}}",
                    "/properties/id/type: old allows number, new allows only integer");
        }

        @Test
        void referencesThroughTheSchemaIdAndEncodedPointersResolve() {
            assertIncompatible("{'properties':{'a':{'type':'number'}}}",
                    "{'$id':'https://x/v2','$defs':{'a b':{'type':'integer'}},"
                            + "'properties':{'a':{'$ref':'https://x/v2#/$defs/a%20b'}}}",
                    "/$defs/a b/type: old allows number, new allows only integer");
        }

        @Test
        void recursiveSchemasTerminate() {
            String tree = "{'$defs':{'node':{'type':'object','properties':{'name':{'type':'%s'},"
                    + "'children':{'type':'array','items':{'$ref':'#/$defs/node'}}}}},'$ref':'#/$defs/node'}";
            assertCompatible(tree.formatted("string"), tree.formatted("string").replace("'type':'object',", ""));
            assertIncompatible(tree.formatted("number"), tree.formatted("integer"),
                    "/$defs/node/properties/name/type: old allows number, new allows only integer");
        }

        @Test
        void aReferenceToTheWholeDocumentTerminates() {
            String list = "{'type':'object','properties':{'value':{'type':'%s'},'next':{'$ref':'#'}}}";
            assertCompatible(list.formatted("integer"), list.formatted("number"));
            assertIncompatible(list.formatted("number"), list.formatted("integer"),
                    "/properties/value/type: old allows number, new allows only integer");
        }

        @Test
        void aReferenceThatCannotBeFollowedIsReported() {
            assertIncompatible("{'type':'object'}", "{'type':'object','$ref':'money.json'}",
                    "/$ref: cannot prove compatibility: cannot follow \"money.json\"");
            assertIncompatible("{}", "{'$ref':'#/$defs/missing'}", "/$ref: cannot prove compatibility");
        }

        @Test
        void theSameExternalReferenceIsTakenAsTheSame() {
            assertCompatible("{'$ref':'https://x/money.json','description':'old'}",
                    "{'$ref':'https://x/money.json','description':'new'}");
        }
    }

    @Nested
    class Combinators {

        @Test
        void unchangedCombinatorsAreCompatible() {
            assertCompatible("{'oneOf':[{'type':'string'},{'type':'integer'}],'not':{'const':0},'maxLength':3}",
                    "{'oneOf':[{'type':'string'},{'type':'integer'}],'not':{'const':0},'maxLength':4}");
            assertCompatible("{'if':{'required':['a']},'then':{'required':['b']}}",
                    "{'if':{'required':['a']},'then':{'required':['b']}}");
        }

        @Test
        void changedOrAddedCombinatorsCannotBeProven() {
            assertIncompatible("{}", "{'not':{'const':0}}", "/not: cannot prove compatibility");
            assertIncompatible("{'oneOf':[{'type':'string'}]}", "{'oneOf':[{'type':'string'},{'type':'null'}]}",
                    "/oneOf: cannot prove compatibility");
            assertIncompatible("{'if':{'required':['a']},'then':{'required':['b']}}",
                    "{'if':{'required':['a']},'then':{'required':['c']}}", "/if: cannot prove compatibility");
        }

        @Test
        void allOfMustEachAcceptWhatOldAccepted() {
            assertCompatible("{'type':'integer','minimum':0}", "{'allOf':[{'type':'number'},{'minimum':-1}]}");
            assertIncompatible("{'type':'integer'}", "{'allOf':[{'type':'number'},{'minimum':0}]}",
                    "/allOf/1/minimum: new requires at least 0");
        }

        @Test
        void anyOfNeedsABranchThatAcceptsWhatOldAccepted() {
            assertCompatible("{'type':'string'}", "{'anyOf':[{'type':'null'},{'type':'string'}]}");
            assertCompatible("{'anyOf':[{'type':'string'},{'type':'integer'}]}",
                    "{'anyOf':[{'type':'null'},{'type':'number'},{'type':'string'}]}");
            assertIncompatible("{'type':'number'}", "{'anyOf':[{'type':'string'},{'type':'integer'}]}",
                    "/anyOf: cannot prove that some branch of new accepts everything old accepts");
        }

        @Test
        void unevaluatedPropertiesNeedTheWholeSchemaUnchanged() {
            assertCompatible("{'properties':{'a':{}},'unevaluatedProperties':false,'title':'x'}",
                    "{'properties':{'a':{}},'unevaluatedProperties':false,'title':'x'}");
            assertIncompatible("{'properties':{'a':{}}}", "{'properties':{'a':{}},'unevaluatedProperties':false}",
                    "/unevaluatedProperties: cannot prove compatibility");
        }
    }

    @Nested
    class OtherKeywords {

        @Test
        void anUnknownKeywordMustBeUnchanged() {
            assertCompatible("{'x-ces-routing':'room'}", "{'x-ces-routing':'room'}");
            assertIncompatible("{}", "{'x-ces-routing':'room'}",
                    "/x-ces-routing: cannot prove compatibility: old does not have this keyword in the same form");
        }

        @Test
        void dependentRequiredMayOnlyRequireWhatOldRequired() {
            assertCompatible("{'required':['b']}", "{'dependentRequired':{'a':['b']}}");
            assertCompatible("{'dependentRequired':{'a':['b','c']}}", "{'dependentRequired':{'a':['b']}}");
            assertIncompatible("{}", "{'dependentRequired':{'a':['b']}}",
                    "/dependentRequired/a: new requires \"b\" when \"a\" is present, old did not");
        }

        @Test
        void dependentSchemasAreComparedWithTheOldOnes() {
            assertCompatible("{'dependentSchemas':{'a':{'required':['b','c']}}}",
                    "{'dependentSchemas':{'a':{'required':['b']}}}");
            assertIncompatible("{}", "{'dependentSchemas':{'a':{'required':['b']}}}",
                    "/dependentSchemas/a/required: new requires \"b\"");
        }

        @Test
        void propertyNamesAreCompared() {
            assertCompatible("{'propertyNames':{'maxLength':5}}", "{'propertyNames':{'maxLength':8}}");
            assertIncompatible("{}", "{'propertyNames':{'maxLength':8}}", "/propertyNames/maxLength:");
        }
    }

    @Test
    void everyReasonIsReportedOnce() {
        List<String> reasons = check("{'$defs':{'p':{'type':'number'}},'properties':{'a':{'$ref':'#/$defs/p'},"
                        + "'b':{'$ref':'#/$defs/p'}}}",
                "{'$defs':{'p':{'type':'integer'}},'properties':{'a':{'$ref':'#/$defs/p'},'b':{'$ref':'#/$defs/p'}}}");
        assertEquals(List.of("/$defs/p/type: old allows number, new allows only integer"), reasons);
    }

    private static JsonObject schema(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }

    private static List<String> check(String oldSchema, String newSchema) {
        return SchemaCompatibility.check(schema(oldSchema), schema(newSchema));
    }

    private static void assertCompatible(String oldSchema, String newSchema) {
        assertEquals(List.of(), check(oldSchema, newSchema));
    }

    private static void assertIncompatible(String oldSchema, String newSchema, String expectedReasonStart) {
        List<String> reasons = check(oldSchema, newSchema);
        assertFalse(reasons.isEmpty(), "expected a reason starting with " + expectedReasonStart);
        assertTrue(reasons.stream().anyMatch(reason -> reason.startsWith(expectedReasonStart)),
                () -> "expected a reason starting with " + expectedReasonStart + ", got " + reasons);
    }
}
