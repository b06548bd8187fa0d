package io.ces.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ces.domain.schema.SchemaVerdict.Status;

class SchemaCatalogTest {

    private static final String CHAT_V1_ID = "https://schemas.example.com/chat.message/v1";
    private static final String CHAT_V2_ID = "https://schemas.example.com/chat.message/v2";

    private static final String CHAT_V1 = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://schemas.example.com/chat.message/v1",
              "type": "object",
              "required": ["text"],
              "properties": {"text": {"type": "string", "maxLength": 10}},
              "additionalProperties": false
            }
            """;

    private static final String CHAT_V2 = """
            {
              "$id": "https://schemas.example.com/chat.message/v2",
              "type": "object",
              "required": ["text", "author"],
              "properties": {"text": {"type": "string"}, "author": {"type": "string"}}
            }
            """;

    @TempDir
    Path folder;

    @Test
    void acceptsDataThatConformsToTheSchema() throws IOException {
        write("chat.message.v1.json", CHAT_V1);

        SchemaVerdict verdict = load().validate("chat.message", null, "{\"text\":\"hello\"}");

        assertEquals(SchemaVerdict.valid(CHAT_V1_ID), verdict);
        assertFalse(verdict.invalid());
    }

    @Test
    void reportsEveryViolationWithItsInstanceLocation() throws IOException {
        write("chat.message.v1.json", CHAT_V1);

        SchemaVerdict verdict = load().validate("chat.message", null, "{\"text\":\"far too long a text\",\"x\":1}");

        assertTrue(verdict.invalid());
        assertEquals(Status.INVALID, verdict.status());
        assertEquals(CHAT_V1_ID, verdict.schemaId());
        assertEquals(2, verdict.errors().size(), verdict.errors()::toString);
        assertTrue(verdict.errors().contains("/text: must be at most 10 characters long"), verdict.errors()::toString);
        assertTrue(verdict.errors().stream().anyMatch(error -> error.startsWith("(root): ") && error.contains("'x'")),
                verdict.errors()::toString);
    }

    @Test
    void reportsAtMostTwentyErrors() throws IOException {
        write("tags.set.v1.json", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        String thirtyNumbers = IntStream.range(0, 30).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]"));

        SchemaVerdict verdict = load().validate("tags.set", null, thirtyNumbers);

        assertTrue(verdict.invalid());
        assertEquals(20, verdict.errors().size());
        assertEquals("/0: integer found, string expected", verdict.errors().get(0));
    }

    @Test
    void checksMissingDataAsJsonNull() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("presence.cleared.v1.json", "{\"type\":\"null\"}");
        SchemaCatalog catalog = load();

        SchemaVerdict withoutData = catalog.validate("chat.message", null, null);

        assertTrue(withoutData.invalid());
        assertEquals(List.of("(root): null found, object expected"), withoutData.errors());
        assertEquals(Status.VALID, catalog.validate("presence.cleared", null, null).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{\"text\":", "{\"text\":\"a\"} {}", "{\"text\":\"a\",\"text\":\"b\"}"})
    void refusesDataThatIsNotExactlyOneJsonValue(String dataJson) throws IOException {
        write("chat.message.v1.json", CHAT_V1);

        SchemaVerdict verdict = load().validate("chat.message", null, dataJson);

        assertTrue(verdict.invalid());
        assertEquals(1, verdict.errors().size());
        assertTrue(verdict.errors().get(0).startsWith("(root): data is not JSON: "), verdict.errors()::toString);
    }

    @Test
    void validatesAgainstTheVersionTheDataschemaNames() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("chat.message.v2.json", CHAT_V2);
        SchemaCatalog catalog = load();
        String withoutAuthor = "{\"text\":\"hi\"}";

        assertEquals(SchemaVerdict.valid(CHAT_V1_ID), catalog.validate("chat.message", CHAT_V1_ID, withoutAuthor));
        SchemaVerdict againstV2 = catalog.validate("chat.message", CHAT_V2_ID, withoutAuthor);
        assertTrue(againstV2.invalid());
        assertEquals(CHAT_V2_ID, againstV2.schemaId());
    }

    @Test
    void validatesAgainstTheHighestVersionWithoutDataschema() throws IOException {
        write("order.updated.v2.json", "{\"required\":[\"v2\"]}");
        write("order.updated.v10.json", "{\"required\":[\"v10\"]}");
        write("order.updated.v9.json", "{\"required\":[\"v9\"]}");
        SchemaCatalog catalog = load();

        assertEquals(SchemaVerdict.valid("urn:ces:schema:order.updated:v10"),
                catalog.validate("order.updated", null, "{\"v10\":true}"));
        assertTrue(catalog.validate("order.updated", null, "{\"v9\":true}").invalid());
    }

    @Test
    void namesASchemaWithoutIdByTypeAndVersion() throws IOException {
        write("order.updated.v3.json", "{\"type\":\"object\"}");
        SchemaCatalog catalog = load();

        assertEquals(SchemaVerdict.valid("urn:ces:schema:order.updated:v3"),
                catalog.validate("order.updated", "urn:ces:schema:order.updated:v3", "{}"));
    }

    @Test
    void ignoresAnEmptyFragmentAtTheEndOfAnId() throws IOException {
        write("chat.message.v1.json", CHAT_V1.replace(CHAT_V1_ID, CHAT_V1_ID + "#"));
        SchemaCatalog catalog = load();

        assertEquals(SchemaVerdict.valid(CHAT_V1_ID), catalog.validate("chat.message", CHAT_V1_ID, "{\"text\":\"a\"}"));
        assertEquals(SchemaVerdict.valid(CHAT_V1_ID),
                catalog.validate("chat.message", CHAT_V1_ID + "#", "{\"text\":\"a\"}"));
    }

    @Test
    void refusesADataschemaThatIsNotRegistered() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        String unknown = "https://schemas.example.com/chat.message/v7";

        SchemaVerdict verdict = load().validate("chat.message", unknown, "{\"text\":\"hi\"}");

        assertEquals(SchemaVerdict.invalid(unknown,
                List.of("dataschema " + unknown + " is not registered for type chat.message")), verdict);
    }

    @Test
    void refusesADataschemaOfAnotherType() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("order.updated.v1.json", "{\"type\":\"object\"}");

        SchemaVerdict verdict = load().validate("order.updated", CHAT_V1_ID, "{\"text\":\"hi\"}");

        assertEquals(List.of("dataschema " + CHAT_V1_ID + " is not registered for type order.updated"),
                verdict.errors());
    }

    @Test
    void doesNotCheckATypeWithoutSchemas() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        SchemaCatalog catalog = load();

        assertSame(SchemaVerdict.notChecked(), catalog.validate("user.joined", null, "{\"anything\":1}"));
        assertSame(SchemaVerdict.notChecked(),
                catalog.validate("user.joined", "https://elsewhere.example.com/user.joined", "not even JSON"));
        assertSame(SchemaVerdict.notChecked(), catalog.validate("user.joined", CHAT_V1_ID, null));
    }

    @Test
    void listsTypesVersionsAndTexts() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("chat.message.v2.json", CHAT_V2);
        write("order.updated.v12.json", "{}");
        SchemaCatalog catalog = load();

        assertEquals(Set.of("chat.message", "order.updated"), catalog.types());
        assertEquals(List.of(1, 2), catalog.versions("chat.message"));
        assertEquals(List.of(12), catalog.versions("order.updated"));
        assertEquals(List.of(), catalog.versions("user.joined"));
        assertEquals(Optional.of(CHAT_V2), catalog.schemaText("chat.message", 2));
        assertEquals(Optional.empty(), catalog.schemaText("chat.message", 3));
        assertEquals(Optional.empty(), catalog.schemaText("user.joined", 1));
        assertEquals(3, catalog.size());
    }

    @Test
    void ignoresMountInternalsFoldersAndOtherFiles() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("README.md", "not a schema");
        write("..chat.message.v9.json", "not JSON either");
        Path mountData = Files.createDirectory(folder.resolve("..2024_01_01_00_00_00.000000001"));
        Files.writeString(mountData.resolve("order.updated.v1.json"), "{}");
        Files.createSymbolicLink(folder.resolve("..data"), mountData.getFileName());
        Files.createDirectory(folder.resolve("nested.v1.json"));

        SchemaCatalog catalog = load();

        assertEquals(Set.of("chat.message"), catalog.types());
        assertEquals(1, catalog.size());
    }

    @Test
    void followsTheLinksOfAConfigMapMount() throws IOException {
        Path mountData = Files.createDirectory(folder.resolve("..2024_01_01_00_00_00.000000001"));
        Files.writeString(mountData.resolve("chat.message.v1.json"), CHAT_V1);
        Files.createSymbolicLink(folder.resolve("..data"), mountData.getFileName());
        Files.createSymbolicLink(folder.resolve("chat.message.v1.json"), Path.of("..data", "chat.message.v1.json"));

        assertEquals(List.of(1), load().versions("chat.message"));
    }

    @Test
    void anEmptyFolderGivesAnEmptyCatalog() {
        SchemaCatalog catalog = load();

        assertEquals(0, catalog.size());
        assertEquals(Set.of(), catalog.types());
        assertSame(SchemaVerdict.notChecked(), catalog.validate("chat.message", null, "{}"));
    }

    @Test
    void theEmptyCatalogChecksNothing() {
        assertEquals(0, SchemaCatalog.empty().size());
        assertSame(SchemaVerdict.notChecked(), SchemaCatalog.empty().validate("chat.message", CHAT_V1_ID, "{}"));
    }

    @Test
    void aMissingFolderIsAnError() {
        Path missing = folder.resolve("absent");

        SchemaLoadException error = assertThrows(SchemaLoadException.class, () -> SchemaCatalog.load(missing));

        assertTrue(error.getMessage().contains(missing.toString()), error::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat.message.json", "chat.message.v0.json", "chat.message.v01.json", "chat.message.V1.json",
        "v1.json", "chat message.v1.json", "chat..message.v1.json", "chat.message.v1234567890.json"})
    void aJsonFileWithoutTheSchemaNamePatternIsAnError(String fileName) throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write(fileName, "{}");

        assertLoadFailsNaming(fileName, "does not follow <event-type>.v<N>.json");
    }

    @Test
    void aFileThatIsNotJsonIsAnError() throws IOException {
        write("chat.message.v1.json", "{\"type\": \"object\",");

        assertLoadFailsNaming("chat.message.v1.json", "not JSON");
    }

    @Test
    void aSchemaWithDuplicateKeysIsAnError() throws IOException {
        write("chat.message.v1.json", "{\"type\": \"object\", \"type\": \"string\"}");

        assertLoadFailsNaming("chat.message.v1.json", "not JSON");
    }

    @Test
    void anUnreadableFileIsAnError() throws IOException {
        Files.createSymbolicLink(folder.resolve("chat.message.v1.json"), Path.of("..data", "gone.json"));

        assertLoadFailsNaming("chat.message.v1.json", "unreadable");
    }

    @Test
    void aSchemaOfAnotherDraftIsAnError() throws IOException {
        write("chat.message.v1.json", "{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}");

        assertLoadFailsNaming("chat.message.v1.json", "only draft 2020-12");
    }

    @Test
    void theDraft2020MetaSchemaMayBeNamedWithAnEmptyFragment() throws IOException {
        write("chat.message.v1.json", "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema#\"}");

        assertEquals(1, load().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\": 5}", "{\"type\": \"strin\"}", "{\"minLength\": -1}", "[]", "\"object\"",
        "{\"required\": \"text\"}"})
    void aSchemaThatIsNotValidDraft2020IsAnError(String schema) throws IOException {
        write("chat.message.v1.json", schema);

        assertLoadFailsNaming("chat.message.v1.json", "not a valid draft 2020-12 schema");
    }

    @Test
    void aSchemaThatCannotBeCompiledIsAnError() throws IOException {
        write("chat.message.v1.json", "{\"$ref\": \"#/$defs/missing\"}");
        write("chat.message.v2.json", "{\"$ref\": \"https://schemas.example.com/not-registered\"}");
        write("chat.message.v3.json", "{\"pattern\": \"[\"}");
        write("chat.message.v4.json", "{\"$id\": \"relative/id\"}");

        SchemaLoadException error = assertThrows(SchemaLoadException.class, this::load);

        for (int version = 1; version <= 4; version++) {
            assertTrue(error.getMessage().contains("chat.message.v" + version + ".json: cannot be compiled"),
                    error::getMessage);
        }
    }

    @Test
    void schemasMayReferToEachOtherById() throws IOException {
        write("common.person.v1.json", """
                {"$id": "https://schemas.example.com/person", "type": "object", "required": ["name"]}""");
        write("chat.message.v1.json", """
                {"properties": {"author": {"$ref": "https://schemas.example.com/person"}}}""");
        SchemaCatalog catalog = load();

        assertEquals(Status.VALID, catalog.validate("chat.message", null, "{\"author\":{\"name\":\"Ann\"}}").status());
        assertEquals(List.of("/author: required property 'name' not found"),
                catalog.validate("chat.message", null, "{\"author\":{}}").errors());
    }

    @Test
    void aDuplicateIdIsAnErrorNamingBothFiles() throws IOException {
        write("chat.message.v1.json", CHAT_V1);
        write("chat.message.v2.json", CHAT_V1);

        assertLoadFailsNaming("chat.message.v1.json, chat.message.v2.json", "duplicate $id " + CHAT_V1_ID);
    }

    @Test
    void anIdThatClashesWithAnotherSchemasDefaultIdIsAnError() throws IOException {
        write("order.updated.v1.json", "{}");
        write("order.created.v1.json", "{\"$id\": \"urn:ces:schema:order.updated:v1\"}");

        assertLoadFailsNaming("order.created.v1.json, order.updated.v1.json", "duplicate $id");
    }

    @Test
    void reportsEveryBadFileAtOnce() throws IOException {
        write("chat.message.v1.json", "nope");
        write("order.updated.v1.json", "{\"$schema\": \"https://json-schema.org/draft/2019-09/schema\"}");
        write("user.joined.v1.json", "{}");

        SchemaLoadException error = assertThrows(SchemaLoadException.class, this::load);

        assertTrue(error.getMessage().contains("chat.message.v1.json: not JSON"), error::getMessage);
        assertTrue(error.getMessage().contains("order.updated.v1.json: declares $schema"), error::getMessage);
        assertFalse(error.getMessage().contains("user.joined"), error::getMessage);
    }

    @Test
    void aVerdictIsConsistent() {
        assertNull(SchemaVerdict.notChecked().schemaId());
        assertEquals(List.of(), SchemaVerdict.valid(CHAT_V1_ID).errors());
        assertThrows(IllegalArgumentException.class, () -> SchemaVerdict.invalid(CHAT_V1_ID, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SchemaVerdict(Status.VALID, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SchemaVerdict(Status.NOT_CHECKED, CHAT_V1_ID, null));
    }

    private SchemaCatalog load() {
        return SchemaCatalog.load(folder);
    }

    private void write(String fileName, String text) throws IOException {
        Files.writeString(folder.resolve(fileName), text);
    }

    private void assertLoadFailsNaming(String fileNames, String problem) {
        SchemaLoadException error = assertThrows(SchemaLoadException.class, this::load);
        assertTrue(error.getMessage().contains(fileNames + ": "), error::getMessage);
        assertTrue(error.getMessage().contains(problem), error::getMessage);
    }
}
