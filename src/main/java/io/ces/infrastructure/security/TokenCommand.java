package io.ces.infrastructure.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a signed token, for trying CES from a terminal:
 * {@code mvn -q compile exec:java -Dexec.mainClass=io.ces.infrastructure.security.TokenCommand
 * -Dexec.args="--sub=alice --rooms=cr_1,cr_*"}.
 *
 * <p>It signs with the demo's key ({@code --key-dir}, by default the one the run command's server generated), so
 * the token is accepted by a server running the demo configuration.
 */
public final class TokenCommand {

    static final String DEFAULT_KEY_DIR = "target/dev-keys";

    private TokenCommand() {
    }

    public static void main(String[] args) throws Exception {
        String subject = null;
        List<String> rooms = new ArrayList<>();
        List<String> groups = new ArrayList<>(List.of(Callers.USER_GROUP));
        long ttl = 3600;
        String keyDir = DEFAULT_KEY_DIR;
        String issuer = "ces-dev";
        String audience = "ces";
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
                case "--sub" -> subject = value;
                case "--rooms" -> rooms = list(value);
                case "--groups" -> groups = list(value);
                case "--ttl" -> ttl = Long.parseLong(value);
                case "--key-dir" -> keyDir = value;
                case "--issuer" -> issuer = value;
                case "--audience" -> audience = value;
                default -> usage("unknown option " + arg);
            }
        }
        if (subject == null || subject.isBlank()) {
            usage("--sub is required");
        }
        TokenMinter minter = new TokenMinter(PemKeys.loadOrGenerate(Path.of(keyDir)), issuer, audience);
        System.out.println(minter.mint(subject, rooms, groups, ttl));
    }

    private static List<String> list(String csv) {
        return csv.isBlank() ? new ArrayList<>() : new ArrayList<>(Arrays.stream(csv.split(",")).map(String::trim).toList());
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ces-token --sub=USER [--rooms=cr_1,cr_*] [--groups=ces.user,ces.admin] [--ttl=SECONDS]"
                + " [--key-dir=DIR] [--issuer=ces-dev] [--audience=ces]");
        System.exit(2);
    }
}
