package io.ces.infrastructure.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityCommandTest {

    /** The schemas CES ships; every version must accept what the one before it accepted. */
    private static final Path SHIPPED_SCHEMAS = Path.of("src/main/schemas");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path folder;

    @Test
    void theShippedSchemasAreBackwardCompatible() {
        assertTrue(Files.isDirectory(SHIPPED_SCHEMAS), "run from the project directory");
        assertEquals(SchemaCompatibilityCommand.COMPATIBLE, run(SHIPPED_SCHEMAS.toString()), this::err);
        assertEquals("compatible\n", out());
    }

    @Test
    void theShippedChatMessageVersionsAreBackwardCompatibleAsAPair() {
        String v1 = SHIPPED_SCHEMAS.resolve("chat.message.v1.json").toString();
        String v2 = SHIPPED_SCHEMAS.resolve("chat.message.v2.json").toString();
        assertEquals(SchemaCompatibilityCommand.COMPATIBLE, run(v1, v2), this::err);
    }

    @Test
    void anIncompatibleFolderPrintsOneReasonPerLineAndExits1() throws IOException {
        write("order.created.v1.json", "{\"required\":[\"id\"]}");
        write("order.created.v2.json", "{\"required\":[\"id\",\"total\",\"currency\"]}");
        assertEquals(SchemaCompatibilityCommand.INCOMPATIBLE, run(folder.toString()));
        assertEquals("", out());
        assertEquals("""
                order.created v1 -> v2: /required: new requires "total", which old did not
                order.created v1 -> v2: /required: new requires "currency", which old did not
                """, err());
    }

    @Test
    void twoFilesAreCheckedTheSecondAgainstTheFirst() throws IOException {
        Path open = write("open.json", "{}");
        Path closed = write("closed.json", "{\"additionalProperties\":false}");
        assertEquals(SchemaCompatibilityCommand.COMPATIBLE, run(closed.toString(), open.toString()));
        assertEquals("compatible\n", out());
        assertEquals(SchemaCompatibilityCommand.INCOMPATIBLE, run(open.toString(), closed.toString()));
        assertEquals("/additionalProperties: old allows properties it does not declare, new forbids them\n", err());
    }

    @Test
    void anUnreadableFileIsAProblem() throws IOException {
        Path open = write("open.json", "{}");
        String missing = folder.resolve("none.json").toString();
        assertEquals(SchemaCompatibilityCommand.INCOMPATIBLE, run(open.toString(), missing));
        assertTrue(err().startsWith("none.json: cannot read"), err());
    }

    @Test
    void badArgumentsPrintUsageAndExit2() throws IOException {
        Path file = write("a.json", "{}");
        assertEquals(SchemaCompatibilityCommand.USAGE, run());
        assertEquals(SchemaCompatibilityCommand.USAGE, run(file.toString()));
        assertEquals(SchemaCompatibilityCommand.USAGE, run(file.toString(), file.toString(), file.toString()));
        assertTrue(err().contains("usage: "), err());
        assertEquals("", out());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return SchemaCompatibilityCommand.run(args, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
