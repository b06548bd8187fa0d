package io.ces.infrastructure.schema;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import io.ces.domain.schema.SchemaFolderCompatibility;

/**
 * Checks that registered JSON Schemas stay backward compatible, from a terminal or a build:
 * {@code mvn -q compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.ces.infrastructure.schema.SchemaCompatibilityCommand -Dexec.args=src/main/schemas}.
 *
 * <p>Given a folder, it checks every version of each event type against the version before it; given two files, the
 * second against the first. It prints each reason for an incompatibility on its own line to stderr and exits 1, or
 * prints {@code compatible} and exits 0; wrong arguments exit 2.
 */
public final class SchemaCompatibilityCommand {

    static final int COMPATIBLE = 0;
    static final int INCOMPATIBLE = 1;
    static final int USAGE = 2;

    private SchemaCompatibilityCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // Returning normally on success lets exec:java finish the Maven run as usual.
        if (status != COMPATIBLE) {
            System.exit(status);
        }
    }

    /** Checks what {@code args} name, reports on {@code out} and {@code err}, and answers the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> reasons;
        try {
            if (args.length == 1 && Files.isDirectory(Path.of(args[0]))) {
                reasons = SchemaFolderCompatibility.check(Path.of(args[0]));
            } else if (args.length == 2) {
                reasons = SchemaFolderCompatibility.checkFiles(Path.of(args[0]), Path.of(args[1]));
            } else {
                return usage(err, args.length == 1 ? "not a folder: " + args[0] : "expected a folder or two files");
            }
        } catch (InvalidPathException e) {
            return usage(err, "not a path: " + e.getInput());
        }
        if (reasons.isEmpty()) {
            out.println("compatible");
            return COMPATIBLE;
        }
        reasons.forEach(err::println);
        return INCOMPATIBLE;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: ces-schema-compatibility FOLDER | OLD.json NEW.json");
        return USAGE;
    }
}
