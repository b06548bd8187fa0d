package io.ces.infrastructure.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Guards what CES logs: no log statement in src/main/java hands a token, a credential or a user id (the token's
 * subject, which is personal data) to a logger. Tokens and user ids live in variables and accessors with telling
 * names; the string literals of messages are not looked at. A stream ({@code Target}) is named through
 * {@link LogFields#describe}, which leaves a user's id out.
 */
class LogStatementsTest {

    private static final Pattern LOG_CALL = Pattern.compile(
            "(?:\\bLOG\\.\\w+\\(|\\.log\\(\\s*LOG\\b)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern DESCRIBED = Pattern.compile("LogFields\\.describe\\(\\s*\\w+\\s*\\)|\\.target\\(\\s*\\w+\\s*\\)");
    private static final Pattern FORBIDDEN = Pattern.compile("(?i)\\b(token|rawToken|jwt|bearer|resumeToken|password"
            + "|secret|subject|sub|user|userId|caller|owner|principal|claims|stream|target)\\b"
            + "|\\.(getSubject|getName|getRawToken|getClaim|resumeToken|owner|user|caller|subject)\\(");

    @Test
    void noLogStatementCarriesATokenOrAUserId() throws IOException {
        List<String> offending = new ArrayList<>();
        int statements = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String statement : logStatements(source)) {
                    statements++;
                    String code = DESCRIBED.matcher(STRING_LITERAL.matcher(statement).replaceAll("\"\""))
                            .replaceAll("");
                    Matcher forbidden = FORBIDDEN.matcher(code);
                    if (forbidden.find()) {
                        offending.add(file.getFileName() + ": " + forbidden.group() + " in " + statement.strip());
                    }
                }
            }
        }
        assertTrue(statements > 20, "the scan found the log statements: " + statements);
        assertFalse(!offending.isEmpty(), String.join("\n", offending));
    }

    /** Each log call from its start to the end of its statement. */
    private static List<String> logStatements(String source) {
        List<String> statements = new ArrayList<>();
        Matcher call = LOG_CALL.matcher(source);
        while (call.find()) {
            int start = call.start();
            while (start > 0 && source.charAt(start - 1) != ';' && source.charAt(start - 1) != '{'
                    && source.charAt(start - 1) != '}') {
                start--; // the receiver, e.g. LogFields.none().session(id)...
            }
            int end = source.indexOf(';', call.end());
            statements.add(source.substring(start, end < 0 ? source.length() : end));
        }
        return statements;
    }
}
