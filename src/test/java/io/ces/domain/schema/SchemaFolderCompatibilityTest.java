package io.ces.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFolderCompatibilityTest {

    private static final String NUMBER_PRICE = "{\"properties\":{\"price\":{\"type\":\"number\"}}}";
    private static final String INTEGER_PRICE = "{\"properties\":{\"price\":{\"type\":\"integer\"}}}";
    private static final String ANY_PRICE = "{\"properties\":{\"price\":true}}";

    @TempDir
    Path folder;

    @Test
    void anEmptyFolderIsCompatible() {
        assertEquals(List.of(), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void aSingleVersionIsCompatible() throws IOException {
        write("order.created.v1.json", NUMBER_PRICE);
        assertEquals(List.of(), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void compatibleVersionsPass() throws IOException {
        write("order.created.v1.json", INTEGER_PRICE);
        write("order.created.v2.json", NUMBER_PRICE);
        write("order.created.v3.json", ANY_PRICE);
        assertEquals(List.of(), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void eachVersionIsCheckedAgainstThePreviousOneOnly() throws IOException {
        write("order.created.v1.json", INTEGER_PRICE);
        write("order.created.v2.json", NUMBER_PRICE);
        write("order.created.v3.json", INTEGER_PRICE);
        assertEquals(List.of("order.created v2 -> v3: /properties/price/type: old allows number,"
                + " new allows only integer"),
                SchemaFolderCompatibility.check(folder));
    }

    @Test
    void versionsAreOrderedByNumberNotByName() throws IOException {
        write("order.created.v2.json", NUMBER_PRICE);
        write("order.created.v10.json", INTEGER_PRICE);
        assertEquals(List.of("order.created v2 -> v10: /properties/price/type: old allows number,"
                + " new allows only integer"),
                SchemaFolderCompatibility.check(folder));
    }

    @Test
    void versionsAreComparedWithinTheirEventTypeOnly() throws IOException {
        // "order" and "order.created" are different types, though one name starts with the other
        write("order.v1.json", NUMBER_PRICE);
        write("order.created.v1.json", INTEGER_PRICE);
        write("order.created.v2.json", NUMBER_PRICE);
        write("order.v2.json", ANY_PRICE);
        assertEquals(List.of(), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void filesThatAreNotSchemasAreSkipped() throws IOException {
        write("order.created.v1.json", NUMBER_PRICE);
        write("order.created.v2.json", NUMBER_PRICE);
        write("README.md", "not JSON");
        write("order.created.v3.json.bak", INTEGER_PRICE);
        write("..order.created.v3.json", INTEGER_PRICE);
        Files.createDirectory(folder.resolve("..data"));
        assertEquals(List.of(), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void misnamedSchemasAreReported() throws IOException {
        write("order.created.json", NUMBER_PRICE);
        write("order.created.v0.json", NUMBER_PRICE);
        assertEquals(List.of("order.created.json: not named <event-type>.v<N>.json",
                "order.created.v0.json: not named <event-type>.v<N>.json"), SchemaFolderCompatibility.check(folder));
    }

    @Test
    void invalidFilesAreReportedAndTheirNeighboursNotCompared() throws IOException {
        write("order.created.v1.json", NUMBER_PRICE);
        write("order.created.v2.json", "{\"properties\":");
        write("order.created.v3.json", INTEGER_PRICE);
        write("order.created.v4.json", "[]");
        write("order.created.v5.json", "{\"a\":1,\"a\":2}");
        List<String> problems = SchemaFolderCompatibility.check(folder);
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("order.created.v2.json: not a JSON object ("), problems::toString);
        assertTrue(problems.get(1).startsWith("order.created.v4.json: not a JSON object ("), problems::toString);
        assertTrue(problems.get(2).startsWith("order.created.v5.json: not a JSON object ("), problems::toString);
    }

    @Test
    void aMissingFolderIsReported() {
        List<String> problems = SchemaFolderCompatibility.check(folder.resolve("missing"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("cannot list the folder"), problems::toString);
    }

    @Test
    void twoFilesAreCheckedOldAgainstNew() throws IOException {
        Path old = write("a.json", NUMBER_PRICE);
        Path neu = write("b.json", INTEGER_PRICE);
        assertEquals(List.of(), SchemaFolderCompatibility.checkFiles(neu, old));
        assertEquals(List.of("/properties/price/type: old allows number, new allows only integer"),
                SchemaFolderCompatibility.checkFiles(old, neu));
    }

    @Test
    void twoFilesThatCannotBeReadAreReported() throws IOException {
        Path old = write("a.json", NUMBER_PRICE);
        List<String> problems = SchemaFolderCompatibility.checkFiles(old, folder.resolve("missing.json"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("missing.json: cannot read"), problems::toString);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
