package io.ces.devtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node KRaft broker for the demo and the integration tests, run from the jars on Maven Central.
 *
 * <p>{@code start} formats the data folder on first use, runs the broker in this JVM and creates the topics once it
 * answers; it stops cleanly on SIGTERM (Kafka's own shutdown hook). {@code await} returns once the broker answers and
 * every topic exists, so that the build starts Liberty only against a ready broker.
 *
 * <p>With {@code --sasl-port}, a second listener (SASL_PLAINTEXT) accepts PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for
 * the one user {@code --sasl-user}/{@code --sasl-password}: PLAIN from the listener's JAAS line, SCRAM from
 * credentials stored in the cluster metadata once the broker answers. {@code await} then also logs in with SCRAM, so
 * that a replica configured for SASL never meets a broker that does not know its user yet.
 */
public final class LocalKafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LocalKafkaBroker start|await --port=N [--controller-port=N] [--data=DIR] [--topics=name:partitions,...] [--sasl-port=N --sasl-user=NAME --sasl-password=PW] [--stop-when-gone=PID]");
            System.exit(2);
        }
        Map<String, String> options = parseOptions(args);
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        Map<String, Integer> topics = parseTopics(options.getOrDefault("topics", ""));
        if (options.containsKey("stop-when-gone")) {
            stopWhenGone(Long.parseLong(options.get("stop-when-gone")));
        }
        SaslUser sasl = SaslUser.of(options);
        switch (args[0]) {
            case "start" -> start(port, Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1))),
                    Path.of(options.getOrDefault("data", "target/kafka")), topics, sasl);
            case "await" -> System.exit(awaitTopics(port, topics) && awaitSaslLogin(sasl) ? 0 : 1);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /**
     * Exits (through Kafka's shutdown hook) once process {@code pid} has ended: a broker restarted by a test must not
     * outlive the build that started the test, as the build's own broker does not.
     */
    private static void stopWhenGone(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "stop-when-gone");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The one user of the SASL listener; {@code port} 0 means no SASL listener. */
    record SaslUser(int port, String username, String password) {

        static SaslUser of(Map<String, String> options) {
            String port = options.getOrDefault("sasl-port", "");
            return new SaslUser(port.isBlank() ? 0 : Integer.parseInt(port.trim()),
                    options.getOrDefault("sasl-user", "ces"), options.getOrDefault("sasl-password", "ces-secret"));
        }

        boolean enabled() {
            return port > 0;
        }

        String jaas(String loginModule, String extra) {
            return loginModule + " required username=\"" + username + "\" password=\"" + password + "\"" + extra + ";";
        }
    }

    private static void start(int port, int controllerPort, Path data, Map<String, Integer> topics, SaslUser sasl)
            throws Exception {
        Path logDir = data.toAbsolutePath().resolve("logs");
        Files.createDirectories(logDir);
        Path config = writeConfig(data.toAbsolutePath(), logDir, port, controllerPort, sasl);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        Thread topicCreator = new Thread(() -> {
            if (createTopics(port, topics) && (!sasl.enabled() || storeScramCredentials(port, sasl))) {
                System.out.println("CES local Kafka ready on 127.0.0.1:" + port + " with topics " + topics.keySet()
                        + (sasl.enabled() ? ", SASL (PLAIN, SCRAM) on 127.0.0.1:" + sasl.port() : ""));
            }
        }, "topic-creator");
        topicCreator.setDaemon(true);
        topicCreator.start();
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static Path writeConfig(Path data, Path logDir, int port, int controllerPort, SaslUser sasl)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String saslListener = sasl.enabled() ? ",SASL_PLAINTEXT://127.0.0.1:" + sasl.port() : "";
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + saslListener
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + saslListener);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (sasl.enabled()) {
            p.setProperty("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
            // PLAIN checks against the user_<name> entries of this line; SCRAM against the cluster metadata.
            p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    sasl.jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                            " user_" + sasl.username() + "=\"" + sasl.password() + "\""));
            p.setProperty("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        Path config = data.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "Generated by LocalKafkaBroker");
        }
        return config;
    }

    /** Runs Kafka's storage tool in a child JVM: it ends by calling System.exit. */
    private static void format(Path config) throws IOException, InterruptedException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted")
                .inheritIO().start();
        if (tool.waitFor() != 0) {
            throw new IllegalStateException("Kafka storage format failed for " + config);
        }
    }

    private static boolean createTopics(int port, Map<String, Integer> topics) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin(port)) {
                List<NewTopic> wanted = new ArrayList<>();
                topics.forEach((name, partitions) -> wanted.add(new NewTopic(name, partitions, (short) 1)));
                for (var result : admin.createTopics(wanted).values().values()) {
                    try {
                        result.get();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return true;
            } catch (Exception notYet) {
                sleep();
            }
        }
        System.err.println("Kafka did not become ready within " + READY_TIMEOUT);
        return false;
    }

    /** Stores (or replaces) the user's SCRAM credentials: the data folder may predate the SASL listener. */
    private static boolean storeScramCredentials(int port, SaslUser sasl) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception failure = null;
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin(port)) {
                // One request per mechanism: the broker refuses two alterations of one user in a request.
                for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                    List<UserScramCredentialAlteration> upsert = List.of(new UserScramCredentialUpsertion(
                            sasl.username(), new ScramCredentialInfo(mechanism, 8192), sasl.password()));
                    admin.alterUserScramCredentials(upsert).all().get();
                }
                return true;
            } catch (Exception notYet) {
                failure = notYet;
                sleep();
            }
        }
        System.err.println("Kafka did not store the SCRAM credentials within " + READY_TIMEOUT + ": " + failure);
        return false;
    }

    /** Lists the topics through the SASL listener with SCRAM-SHA-512: the user is known and the login works. */
    private static boolean awaitSaslLogin(SaslUser sasl) {
        if (!sasl.enabled()) {
            return true;
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Properties p = adminProperties("127.0.0.1:" + sasl.port());
            p.setProperty("security.protocol", "SASL_PLAINTEXT");
            p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
            p.setProperty("sasl.jaas.config", sasl.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", ""));
            try (Admin admin = Admin.create(p)) {
                admin.listTopics().names().get();
                System.out.println("Kafka SASL listener on 127.0.0.1:" + sasl.port() + " accepts " + sasl.username());
                return true;
            } catch (Exception notYet) {
                sleep();
            }
        }
        System.err.println("Kafka SASL listener on 127.0.0.1:" + sasl.port() + " refused the login within "
                + READY_TIMEOUT);
        return false;
    }

    private static boolean awaitTopics(int port, Map<String, Integer> topics) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin(port)) {
                Set<String> existing = admin.listTopics().names().get();
                if (existing.containsAll(topics.keySet())) {
                    System.out.println("Kafka on 127.0.0.1:" + port + " has " + topics.keySet());
                    return true;
                }
            } catch (Exception notYet) {
                // the broker is still starting
            }
            sleep();
        }
        System.err.println("Kafka on 127.0.0.1:" + port + " not ready within " + READY_TIMEOUT);
        return false;
    }

    private static Admin admin(int port) {
        return Admin.create(adminProperties("127.0.0.1:" + port));
    }

    private static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return p;
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static Map<String, Integer> parseTopics(String spec) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
        return topics;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
