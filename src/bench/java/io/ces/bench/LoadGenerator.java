package io.ces.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.ces.infrastructure.security.PemKeys;
import io.ces.infrastructure.security.TokenMinter;

/**
 * Runs one benchmark scenario against a running CES and prints (and appends to {@code target/bench/results.md})
 * what it measured. Arguments are {@code name=value} pairs; see docs/performance.md.
 *
 * <ul>
 * <li>{@code fanout}: C connections, each in 2 of R rooms; the event rate ramps until p99 passes 100 ms or an
 * event is lost.</li>
 * <li>{@code capacity}: as many idle authenticated, subscribed connections as asked; heap and RSS per
 * connection.</li>
 * <li>{@code latency}: 1,000 clients, 1,000 events/s.</li>
 * <li>{@code storm}: every client drops at once and resumes; time until all have recovered, and losses.</li>
 * <li>{@code ingest}: how fast CES consumes a backlog from a cold start, then warm a second one ({@code warm-backlog}),
 * next to Kafka's own ConsumerPerformance.</li>
 * <li>{@code smoke}: a short fan-out and latency run, under two minutes.</li>
 * </ul>
 */
public final class LoadGenerator {

    private final Map<String, String> args;
    private final String httpBase;
    private final URI wsUri;
    private final String bootstrap;
    private final ServerProbe probe;
    private final List<String> report = new ArrayList<>();

    private LoadGenerator(Map<String, String> args) throws IOException {
        this.args = args;
        this.httpBase = arg("http", "http://127.0.0.1:29080");
        // batch=true: the clients ask for batched frames (docs/protocol.md) and split the arrays.
        this.wsUri = URI.create(arg("ws", httpBase.replace("http", "ws") + "/ws")
                + (Boolean.parseBoolean(arg("batch", "false")) ? "?batch=true" : ""));
        this.bootstrap = arg("bootstrap", "127.0.0.1:29092");
        this.probe = new ServerProbe(ServerProbe.pidOf(Path.of(arg("pid-file",
                "target/liberty/wlp/usr/servers/.pid/ces-bench.pid"))), httpBase);
    }

    /** Written when a run fails; the bench profile's verify phase fails the build on it, after the servers stopped. */
    static final Path FAILED = Path.of("target/bench/failed");

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            for (String pair : arg.trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    args.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        Files.deleteIfExists(FAILED);
        LoadGenerator generator = new LoadGenerator(args);
        String scenario = args.getOrDefault("scenario", "smoke");
        try {
            for (String one : scenario.split(",")) {
                generator.run(one.trim());
            }
        } catch (Exception failed) {
            // exiting non-zero here would end the build before it stops the servers and the broker: the build
            // fails afterwards instead, in its verify phase, on this file
            failed.printStackTrace();
            generator.line("**The run failed:** " + failed.getMessage());
            Files.createDirectories(FAILED.getParent());
            Files.writeString(FAILED, String.valueOf(failed));
        } finally {
            generator.writeReport(scenario);
        }
        System.exit(0);
    }

    private void run(String scenario) throws Exception {
        line("");
        line("### " + scenario + " (" + Instant.now() + ")");
        line("");
        switch (scenario) {
            case "smoke" -> {
                args.putIfAbsent("warmup-seconds", "5");
                // a regression check in about 2 minutes, on a server still compiling: lost, duplicated, a crash show;
                // latency figures come from the full scenarios, which wait for the JIT. One rate, which a server
                // still compiling keeps up with: events late after a step it cannot keep up with count as lost.
                args.putIfAbsent("warmup-max-seconds", "5");
                fanout(integer("connections", 2000), integer("rooms", 200), rates("rates", "1000"),
                        decimal("step-seconds", 8));
                latency(integer("connections", 1000), integer("rate", 1000), decimal("seconds", 10));
            }
            case "fanout" -> fanout(integer("connections", 10_000), integer("rooms", 1000),
                    rates("rates", "1000,2500,5000,7500,10000"), decimal("step-seconds", 20));
            case "capacity" -> capacity(integer("connections", 20_000), decimal("hold-seconds", 30));
            case "capacity-share" -> capacityShare(integer("connections", 0));
            case "latency" -> latency(integer("connections", 1000), integer("rate", 1000), decimal("seconds", 30));
            case "storm" -> storm(integer("connections", 10_000), integer("rooms", 1000), integer("rate", 500));
            case "ingest" -> ingest(integer("backlog", 1_000_000));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    // --- scenarios --------------------------------------------------------------------------------------------

    private void fanout(int connections, int rooms, int[] rates, double stepSeconds) throws Exception {
        String[] roomNames = rooms(rooms);
        List<BenchConnection> fleetMembers = members(connections, roomNames);
        try (ClientFleet fleet = fleet(); EventProducer producer = new EventProducer(bootstrap, topic(), roomNames)) {
            connectAll(fleet, fleetMembers, false);
            warmUp(fleet, fleetMembers, producer, rates[0]);
            line("C=" + connections + " connections, each in 2 of R=" + rooms + " rooms (about "
                    + (2 * connections / rooms) + " recipients per event), " + stepSeconds + " s per step");
            line("");
            line("| events/s in | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | dup | server CPU % | server RSS MiB | generator CPU % |");
            line("|---|---|---|---|---|---|---|---|---|---|---|");
            List<String> busiest = new ArrayList<>();
            Runnable stopProfile = profilePhase("the first measured step", "target/bench/fanout-step.collapsed.txt");
            for (int rate : rates) {
                Step step = step(fleet, fleetMembers, producer, rate, stepSeconds);
                stopProfile.run();
                stopProfile = () -> { };
                busiest.add(String.format(Locale.ROOT, "%,d events/s: %s", rate, step.busiest));
                line(String.format(Locale.ROOT, "| %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.0f | %d | %.0f |",
                        rate, step.deliveriesPerSecond, ms(step.latency, 50), ms(step.latency, 99),
                        ms(step.latency, 99.9), step.latency.getMaxValue() / 1000.0, step.lost, step.duplicates,
                        step.serverCpu, step.serverRss >> 20, step.generatorCpu));
                if (ms(step.latency, 99) > 100 || step.lost > 0) {
                    line("");
                    line("Stopped: p99 above 100 ms or an event lost.");
                    break;
                }
            }
            line("");
            line("Busiest server threads per step, % of one core: " + String.join("; ", busiest) + ".");
            long frames = fleet.textFrames.sum();
            long arrays = fleet.arrays.sum();
            long inArrays = fleet.batchedFrames.sum();
            line("");
            line(String.format(Locale.ROOT, "WebSocket text frames received in the whole run: %,d, of which %,d arrays "
                    + "holding %,d frames (%.1f per array); %.2f server frames per WebSocket frame.", frames, arrays,
                    inArrays, arrays == 0 ? 0.0 : (double) inArrays / arrays,
                    frames == 0 ? 0.0 : (double) (frames - arrays + inArrays) / frames));
        }
    }

    private void latency(int connections, int rate, double seconds) throws Exception {
        int rooms = Math.max(1, connections / 10);
        String[] roomNames = rooms(rooms);
        List<BenchConnection> members = members(connections, roomNames);
        try (ClientFleet fleet = fleet(); EventProducer producer = new EventProducer(bootstrap, topic(), roomNames)) {
            connectAll(fleet, members, false);
            warmUp(fleet, members, producer, rate);
            Runnable stopProfile = profilePhase("the measured part", "target/bench/latency.collapsed.txt");
            TreeMap<Double, Double> writtenBefore = probe.applicationHistogram(httpBase, DELIVERY_LATENCY);
            Step step = step(fleet, members, producer, rate, seconds);
            TreeMap<Double, Double> writtenAfter = probe.applicationHistogram(httpBase, DELIVERY_LATENCY);
            stopProfile.run();
            line(String.format(Locale.ROOT, "%,d clients in %,d rooms (20 recipients per event), %,d events/s for %.0f s: "
                    + "%,.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, lost %d, dup %d, "
                    + "server CPU %.0f %% (busiest threads, %% of one core: %s)", connections, rooms, rate, seconds,
                    step.deliveriesPerSecond, ms(step.latency, 50), ms(step.latency, 99), ms(step.latency, 99.9),
                    step.latency.getMaxValue() / 1000.0, step.lost, step.duplicates, step.serverCpu, step.busiest));
            line(whereTheTailIs(step.latency, writtenBefore, writtenAfter));
        }
    }

    /** The server's timer of each delivery: from the record's timestamp to the frame written to the socket. */
    private static final String DELIVERY_LATENCY = "ces_delivery_latency_seconds";

    /**
     * Compares, for the goal's 10 ms, the share of deliveries the server had written to their sockets in time with
     * the share the clients had read in time: the difference is what happened after the write (the kernel, the
     * clients' scheduling), the server's own misses what happened before it (the broker, CES).
     */
    private static String whereTheTailIs(Histogram received, TreeMap<Double, Double> writtenBefore,
            TreeMap<Double, Double> writtenAfter) {
        double bound = 0.010;
        double all = writtenAfter.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - writtenBefore.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (all <= 0 || !writtenAfter.containsKey(bound)) {
            return "Where the tail is: the server's " + DELIVERY_LATENCY + " histogram could not be read.";
        }
        double writtenInTime = writtenAfter.get(bound) - writtenBefore.getOrDefault(bound, 0.0);
        double p99Bound = writtenAfter.keySet().stream()
                .filter(le -> writtenAfter.get(le) - writtenBefore.getOrDefault(le, 0.0) >= 0.99 * all)
                .findFirst().orElse(Double.POSITIVE_INFINITY);
        double receivedInTime = received.getCountBetweenValues(0, (long) (bound * 1_000_000))
                / (double) Math.max(1, received.getTotalCount());
        return String.format(Locale.ROOT, "Where the tail is: the server wrote %.2f %% of %,.0f deliveries to their "
                + "sockets within 10 ms of the record's timestamp (its p99 at most %s), the clients read %.2f %% "
                + "within 10 ms of the event's stamp.", 100 * writtenInTime / all, all,
                p99Bound == Double.POSITIVE_INFINITY ? "the largest bucket" : String.format(Locale.ROOT, "%.0f ms",
                        p99Bound * 1000), 100 * receivedInTime);
    }

    private void capacity(int connections, double holdSeconds) throws Exception {
        if (CapacitySpread.wanted(args)) {
            new CapacitySpread(args, this::line).run(connections, holdSeconds);
            return;
        }
        String[] roomNames = rooms(Math.max(1, connections / 20));
        long heapBefore = probe.heapAfterGcBytes();
        long rssBefore = probe.rssBytes();
        List<BenchConnection> members = members(connections, roomNames);
        try (ClientFleet fleet = fleet()) {
            long start = System.nanoTime();
            int ready = connectAll(fleet, members, false);
            double seconds = (System.nanoTime() - start) / 1e9;
            // what holding idle clients costs: heartbeats (pings, leases in the shared session state), metrics
            ServerProbe.Phase holding = probe.phase();
            Thread.sleep((long) (holdSeconds * 1000));
            ServerProbe.PhaseCpu idle = holding.end(5);
            long open = fleet.connected.get() - fleet.closed.get();
            long heapAfter = probe.heapAfterGcBytes();
            long rssAfter = probe.rssBytes();
            line(String.format(Locale.ROOT, "%,d of %,d connections authenticated and subscribed in %.1f s; %,d still open "
                    + "after %.0f s idle (closed, by cause: %s). While they idled: server CPU %.1f %% (busiest threads, "
                    + "%% of one core: %s).", ready, connections, seconds, open, holdSeconds, fleet.closeCauses(),
                    idle.cpuPercent(), idle.busiest()));
            line(String.format(Locale.ROOT, "Heap after GC %,d MiB (before: %,d MiB), RSS %,d MiB (before: %,d MiB): "
                    + "%,.1f KiB heap and %,.1f KiB RSS per connection.", heapAfter >> 20, heapBefore >> 20,
                    rssAfter >> 20, rssBefore >> 20, (heapAfter - heapBefore) / 1024.0 / Math.max(1, ready),
                    (rssAfter - rssBefore) / 1024.0 / Math.max(1, ready)));
        }
    }

    /** One process's share of a spread capacity run (see {@link CapacitySpread}): holds until told to report. */
    private void capacityShare(int connections) throws Exception {
        List<BenchConnection> members = members(connections, rooms(Math.max(1, connections / 20)));
        try (ClientFleet fleet = fleet()) {
            long start = System.nanoTime();
            int ready = connectAll(fleet, members, false);
            System.out.println("share-ready " + ready + " " + (System.nanoTime() - start) / 1e9);
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            System.out.println("share-open " + (fleet.connected.get() - fleet.closed.get()) + " " + fleet.closeCauses());
        }
    }

    private void storm(int connections, int rooms, int rate) throws Exception {
        String[] roomNames = rooms(rooms);
        List<BenchConnection> members = members(connections, roomNames);
        try (ClientFleet fleet = fleet(); EventProducer producer = new EventProducer(bootstrap, topic(), roomNames)) {
            connectAll(fleet, members, false);
            for (int practice = 1; practice <= integer("practice-storms", 1); practice++) {
                practiceStorm(fleet, members, producer, rate, practice);
            }
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> producer.run(rate, 40));
            Thread.sleep(10_000);
            long self = ProcessHandle.current().pid();
            members.forEach(member -> {
                member.recovered = false;
                member.recoveredAtNanos = 0;
            });
            long cutAt = System.nanoTime();
            long selfTicks = ServerProbe.ticks(self);
            ServerProbe.Phase resuming = probe.phase();
            Runnable stopProfile = profilePhase("the resume", "target/bench/storm-resume.collapsed.txt");
            members.forEach(fleet::cut);
            Thread.sleep(200);
            int resumed = connectAll(fleet, members, true);
            stopProfile.run();
            ServerProbe.PhaseCpu resume = resuming.end(8);
            double generatorCpu = (ServerProbe.ticks(self) - selfTicks) / resume.seconds();
            long allRecovered = members.stream().mapToLong(m -> m.recoveredAtNanos).max().orElse(cutAt);
            long[] recoveredAfter = members.stream().filter(m -> m.recovered)
                    .mapToLong(m -> m.recoveredAtNanos - cutAt).sorted().toArray();
            long unrecovered = members.stream().filter(m -> !m.recovered).count();
            producing.get(120, TimeUnit.SECONDS);
            long settledAt = awaitQuiet(members, Duration.ofSeconds(120));
            long lost = lostNow(members, producer);
            long duplicates = members.stream().mapToLong(m -> m.duplicates.get()).sum();
            line(String.format(Locale.ROOT, "%,d clients in %,d rooms, %,d events/s throughout. All dropped at once (TCP "
                    + "reset); %,d resumed, all recovered %.1f s after the drop; %d reported recovered:false; lost %d, "
                    + "dup %d. Every client had everything %.1f s after the drop.", connections, rooms, rate, resumed,
                    (allRecovered - cutAt) / 1e9, unrecovered, lost, duplicates, (settledAt - cutAt) / 1e9));
            if (recoveredAfter.length > 0) {
                line(String.format(Locale.ROOT, "Recovered after the drop: half the clients within %.1f s, 90 %% within "
                        + "%.1f s. While they resumed: server CPU %.0f %%, load generator CPU %.0f %% (busiest server "
                        + "threads, %% of one core: %s).", recoveredAfter[recoveredAfter.length / 2] / 1e9,
                        recoveredAfter[recoveredAfter.length * 9 / 10] / 1e9, resume.cpuPercent(), generatorCpu,
                        resume.busiest()));
            }
        }
    }

    /** Whether the server's C2 compiler, at this percent of a core, is still above {@code jit-settled-percent}. */
    private boolean stillCompiling(double jitCompilerPercent) {
        return jitCompilerPercent >= decimal("jit-settled-percent", 10);
    }

    /**
     * A storm like the measured one, unmeasured, then idles until the server's C2 compiler has settled: a server
     * that has run for a while has compiled its resume path, as one that has only accepted first connections has
     * not. {@code practice-storms=0} measures the first storm instead.
     */
    private void practiceStorm(ClientFleet fleet, List<BenchConnection> members, EventProducer producer, int rate,
            int practice) throws Exception {
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> producer.run(rate, 20));
        Thread.sleep(5_000);
        long cutAt = System.nanoTime();
        members.forEach(fleet::cut);
        Thread.sleep(200);
        int resumed = connectAll(fleet, members, true);
        long allRecovered = members.stream().mapToLong(m -> m.recoveredAtNanos).max().orElse(cutAt);
        producing.get(120, TimeUnit.SECONDS);
        awaitQuiet(members, Duration.ofSeconds(120));
        double limit = decimal("warmup-max-seconds", 300);
        double idled = 0;
        ServerProbe.PhaseCpu idle;
        do {
            ServerProbe.Phase idling = probe.phase();
            Thread.sleep(10_000);
            idle = idling.end(1);
            idled += 10;
        } while (stillCompiling(idle.jitCompilerPercent()) && idled < limit);
        line(String.format(Locale.ROOT, "Practice storm %d (unmeasured): %,d resumed, all recovered %.1f s after the drop; "
                + "lost so far %d, dup %d. Then %.0f s idle, the server's C2 compiler at %.0f %% of a core over the last "
                + "10 s.", practice, resumed, (allRecovered - cutAt) / 1e9, lostNow(members, producer),
                members.stream().mapToLong(m -> m.duplicates.get()).sum(), idled, idle.jitCompilerPercent()));
    }

    private void ingest(int backlog) throws Exception {
        if (backlog <= 0) {
            // the backlog is written before the server starts, by the build: the scenario cannot write it itself
            throw new IllegalArgumentException("scenario=ingest measures a backlog written before CES starts: "
                    + "run it with -Dbench.backlog=1000000 (or another count above 0)");
        }
        String topic = arg("ingest-topic", "ces.bench.ingest");
        double consumedAtStart = probe.applicationCounter(httpBase, "ces_events_consumed_total");
        long startNanos = System.nanoTime();
        double last = consumedAtStart;
        double firstSample = -1;
        long firstNanos = 0;
        ServerProbe.Phase consuming = probe.phase(); // started again at the first record
        double halfSample = -1;
        long halfNanos = 0;
        while (System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(300)) {
            double consumed = probe.applicationCounter(httpBase, "ces_events_consumed_total");
            if (consumed > last && firstSample < 0) {
                firstSample = consumed;
                firstNanos = System.nanoTime();
                consuming = probe.phase();
            }
            if (halfSample < 0 && firstSample >= 0 && consumed >= (firstSample + backlog) / 2) {
                halfSample = consumed;
                halfNanos = System.nanoTime();
            }
            if (consumed >= backlog) {
                last = consumed;
                break;
            }
            if (firstSample < 0 && System.nanoTime() - startNanos > TimeUnit.SECONDS.toNanos(60)) {
                line("CES consumed nothing within 60 s: see the server's messages.log (CES0104E?).");
                break;
            }
            last = consumed;
            Thread.sleep(100);
        }
        long endNanos = System.nanoTime();
        double seconds = (endNanos - firstNanos) / 1e9;
        double cesRate = firstSample < 0 ? 0 : (last - firstSample) / seconds;
        // the second half runs with the JIT compilers mostly done: the steady state, next to the cold start above
        double secondHalfRate = halfSample < 0 ? 0 : (last - halfSample) / ((endNanos - halfNanos) / 1e9);
        ServerProbe.PhaseCpu cold = consuming.end(8);
        line(String.format(Locale.ROOT, "CES consumed the %,d-record backlog of %s (%,.0f already read when measuring "
                + "began): %,.0f records/s, the second half of it %,.0f records/s; server CPU %.0f %% (busiest threads, "
                + "%% of one core: %s).", backlog, topic, consumedAtStart, cesRate, secondHalfRate, cold.cpuPercent(),
                cold.busiest()));
        int warmBacklog = integer("warm-backlog", 3 * backlog); // long enough that recompiles as the load changes fade
        double warmRate = warmBacklog > 0 && firstSample >= 0 ? ingestWarm(topic, backlog, warmBacklog) : -1;
        Process perf = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
                // every record CES read, so that the tool's run is as long as CES's
                "--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", Long.toString(warmRate > 0 ? (long) backlog + warmBacklog : backlog),
                "--group", "bench-perf-" + System.nanoTime(), "--timeout", "60000")
                .redirectErrorStream(true).start();
        String output = new String(perf.getInputStream().readAllBytes());
        perf.waitFor(5, TimeUnit.MINUTES);
        // nMsg.sec counts from the tool's start, its group join included; fetch.nMsg.sec only the fetching, which is
        // how CES's rate is taken (from its first consumed record)
        double kafkaRate = -1;
        double kafkaFetchRate = -1;
        String[] header = null;
        for (String csv : output.strip().split("\n")) {
            String[] fields = csv.split(",\\s*");
            if (csv.startsWith("start.time")) {
                header = fields;
            } else if (header != null && fields.length == header.length && fields[5].trim().matches("[0-9.]+")) {
                List<String> columns = Arrays.stream(header).map(String::trim).toList();
                kafkaRate = Double.parseDouble(fields[columns.indexOf("nMsg.sec")].trim());
                int fetchColumn = columns.indexOf("fetch.nMsg.sec");
                kafkaFetchRate = fetchColumn < 0 ? -1 : Double.parseDouble(fields[fetchColumn].trim());
            }
        }
        if (kafkaRate < 0) {
            line("ConsumerPerformance printed no result line:\n```\n" + output.strip() + "\n```");
            return;
        }
        line(String.format(Locale.ROOT, "Kafka's ConsumerPerformance on the same topic and broker: %,.0f records/s "
                + "(%,.0f while fetching, without its group join). CES reaches %.0f %% (%.0f %%) of it from a cold "
                + "start%s.", kafkaRate, kafkaFetchRate, 100 * cesRate / kafkaRate, 100 * cesRate / kafkaFetchRate,
                warmRate > 0 ? String.format(Locale.ROOT, ", %.0f %% (%.0f %%) warm", 100 * warmRate / kafkaRate,
                        100 * warmRate / kafkaFetchRate) : ""));
    }

    /**
     * The steady state: a second backlog, written once CES has routed the first and then idled for
     * {@code settle-seconds}, so that the JIT compilers are done with the path. CES reads it while it is written;
     * only what is left when the writing ends is measured, with nothing else running. {@code profiler=} profiles
     * just that part.
     */
    private double ingestWarm(String topic, int backlog, int warmBacklog) throws Exception {
        long target = (long) backlog + warmBacklog;
        // a server started a minute ago still compiles: its JIT queue drains while it idles, as a long-running one's has
        Thread.sleep(TimeUnit.SECONDS.toMillis(integer("settle-seconds", 60)));
        BacklogProducer.write(bootstrap, topic, backlog, warmBacklog);
        double consumedAtStart = probe.applicationCounter(httpBase, "ces_events_consumed_total");
        ServerProbe.Phase consuming = probe.phase();
        Runnable stopProfile = profilePhase("the warm part", "target/bench/ingest-warm.collapsed.txt");
        long startNanos = System.nanoTime();
        double consumed = consumedAtStart;
        while (consumed < target && System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(300)) {
            Thread.sleep(100);
            consumed = probe.applicationCounter(httpBase, "ces_events_consumed_total");
        }
        stopProfile.run();
        ServerProbe.PhaseCpu warm = consuming.end(8);
        if (consumed < target) {
            line(String.format(Locale.ROOT, "Warm: CES had consumed %,.0f of %,d records after 300 s.", consumed, target));
            return -1;
        }
        line(String.format(Locale.ROOT, "Warm, a second backlog of %,d records (%,.0f of it read while it was written): "
                + "%,.0f records/s over the remaining %,.0f; server CPU %.0f %% (busiest threads, %% of one core: %s).",
                warmBacklog, consumedAtStart - backlog, (consumed - consumedAtStart) / warm.seconds(),
                consumed - consumedAtStart, warm.cpuPercent(), warm.busiest()));
        return (consumed - consumedAtStart) / warm.seconds();
    }

    // --- building blocks --------------------------------------------------------------------------------------

    /**
     * {@code profiler=<libasyncProfiler.so>}: starts the server's profile ({@code profile-event}, default cpu, sampled
     * every {@code profile-interval}, default 2ms; for {@code alloc} a size such as 64k) of one phase, written to
     * {@code profile-file} (default {@code defaultFile}) when the returned step runs. Without the argument, the step
     * does nothing.
     */
    private Runnable profilePhase(String phase, String defaultFile) {
        String profiler = arg("profiler", "");
        if (profiler.isEmpty()
                || !probe.profiler(profiler, "start,event=" + arg("profile-event", "cpu")
                        + ",interval=" + arg("profile-interval", "2ms") + ",threads")) {
            return () -> { };
        }
        Path file = Path.of(arg("profile-file", defaultFile)).toAbsolutePath();
        return () -> {
            try {
                // the report's directory appears only when the run ends, and the agent creates no directory
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            line(probe.profiler(profiler, "stop,file=" + file + ",collapsed")
                    ? "Profile of " + phase + ": " + file : "(the profiler could not be stopped through jcmd)");
        };
    }

    /**
     * @param busiest the server's busiest kinds of thread over the step, in percent of one core
     * @param jitCompilerPercent what the server's C2 compiler threads used over the step, in percent of one core
     */
    private record Step(double deliveriesPerSecond, Histogram latency, long lost, long duplicates, double serverCpu,
            long serverRss, double generatorCpu, String busiest, double jitCompilerPercent) {
    }

    private Step step(ClientFleet fleet, List<BenchConnection> members, EventProducer producer, int rate,
            double seconds) throws InterruptedException {
        fleet.latency().getIntervalHistogram();
        long receivedBefore = members.stream().mapToLong(m -> m.received.get()).sum();
        long duplicatesBefore = members.stream().mapToLong(m -> m.duplicates.get()).sum();
        long gapsBefore = members.stream().mapToLong(m -> m.lost.get()).sum();
        long self = ProcessHandle.current().pid();
        long selfTicks = ServerProbe.ticks(self);
        ServerProbe.Phase producing = probe.phase();
        producer.run(rate, seconds);
        ServerProbe.PhaseCpu server = producing.end(6);
        double generatorCpu = (ServerProbe.ticks(self) - selfTicks) / server.seconds();
        long rss = probe.rssBytes();
        Thread.sleep(2000);
        long received = members.stream().mapToLong(m -> m.received.get()).sum() - receivedBefore;
        long duplicates = members.stream().mapToLong(m -> m.duplicates.get()).sum() - duplicatesBefore;
        long gaps = members.stream().mapToLong(m -> m.lost.get()).sum() - gapsBefore;
        Histogram latency = fleet.latency().getIntervalHistogram();
        return new Step(received / seconds, latency, gaps + tailMissing(members, producer), duplicates,
                server.cpuPercent(), rss, generatorCpu, server.busiest(), server.jitCompilerPercent());
    }

    /**
     * Runs the first rate unmeasured, so that the JIT compilers of both sides have compiled the path: for
     * {@code warmup-seconds}, then on in steps of 10 s until the server's C2 compiler used less than
     * {@code jit-settled-percent} of a core over a step (default 10), or {@code warmup-max-seconds} passed in all
     * (default 300). On two shared cores the C2 queue reached the routing path 70 s after that path became hot, so a
     * fixed minute measured the hot path still in profiling C1 code and C2 compiling beside it at a third of a core.
     */
    private void warmUp(ClientFleet fleet, List<BenchConnection> members, EventProducer producer, int rate)
            throws InterruptedException {
        double seconds = decimal("warmup-seconds", 10);
        if (seconds <= 0) {
            return;
        }
        double limit = Math.max(seconds, decimal("warmup-max-seconds", 300));
        Step step = step(fleet, members, producer, rate, seconds);
        double warmedUp = seconds;
        while (stillCompiling(step.jitCompilerPercent) && warmedUp + 10 <= limit) {
            step = step(fleet, members, producer, rate, 10);
            warmedUp += 10;
        }
        line(String.format(Locale.ROOT, "Warm-up: %,d events/s for %.0f s; the server's C2 compiler used %.0f %% of a "
                + "core over the last %.0f s of it%s.", rate, warmedUp, step.jitCompilerPercent,
                warmedUp == seconds ? seconds : 10.0, stillCompiling(step.jitCompilerPercent)
                        ? " (still compiling when the warm-up's limit, warmup-max-seconds, ended it)" : ""));
    }

    /**
     * Waits until every client has every event produced (or nothing arrives for 5 s): replays after a storm are
     * late, not lost, until then. Answers when that was, in {@code System.nanoTime()}.
     */
    private static long awaitQuiet(List<BenchConnection> members, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        long quietSince = System.nanoTime();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 5_000_000_000L) {
            long received = members.stream().mapToLong(m -> m.received.get()).sum();
            if (received != last) {
                last = received;
                quietSince = System.nanoTime();
                lastChange = quietSince;
            }
            Thread.sleep(100);
        }
        return lastChange;
    }

    /** Events produced for a connection's rooms that it has not received (yet). */
    private static long tailMissing(List<BenchConnection> members, EventProducer producer) {
        long missing = 0;
        for (BenchConnection member : members) {
            for (int i = 0; i < member.rooms.length; i++) {
                int room = Integer.parseInt(member.rooms[i].substring(member.rooms[i].lastIndexOf('-') + 1));
                missing += Math.max(0, producer.produced(room) - 1 - member.lastNumber[i]);
            }
        }
        return missing;
    }

    private static long lostNow(List<BenchConnection> members, EventProducer producer) {
        return members.stream().mapToLong(m -> m.lost.get()).sum() + tailMissing(members, producer);
    }

    private int connectAll(ClientFleet fleet, List<BenchConnection> members, boolean resume) throws Exception {
        int rate = integer("connect-rate", 2000);
        Semaphore inFlight = new Semaphore(integer("connect-in-flight", 500));
        List<CompletableFuture<Void>> all = new ArrayList<>(members.size());
        long start = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0 && !resume) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            // bounded, so that a client the server never answers gives its in-flight permit back: without it a
            // storm whose server parked a few hundred threads left the generator waiting for a permit forever
            CompletableFuture<Void> ready = fleet.connect(members.get(i), resume).orTimeout(120, TimeUnit.SECONDS);
            ready.whenComplete((ok, error) -> inFlight.release());
            all.add(ready);
        }
        int ready = 0;
        for (CompletableFuture<Void> future : all) {
            try {
                future.get(120, TimeUnit.SECONDS);
                ready++;
            } catch (Exception failed) {
                // counted below
            }
        }
        if (ready < members.size()) {
            line("(" + (members.size() - ready) + " of " + members.size() + " connections did not get ready; "
                    + fleet.failedConnects.get() + " TCP connects failed)");
        }
        return ready;
    }

    private ClientFleet fleet() throws IOException {
        int sources = integer("sources", 4);
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= sources; i++) {
            addresses.add(InetAddress.getByName("127.0.0." + i));
        }
        // cut=reset (default): the storm's clients vanish as in a network failure; cut=close-then-reset: each sends a
        // close frame first (what the harness did before, unintentionally, through Netty's default)
        boolean closeFrameOnCut = switch (arg("cut", "reset")) {
            case "reset" -> false;
            case "close-then-reset" -> true;
            default -> throw new IllegalArgumentException("cut must be reset or close-then-reset");
        };
        return new ClientFleet(wsUri, addresses, integer("threads", 2), closeFrameOnCut);
    }

    private List<BenchConnection> members(int connections, String[] roomNames) throws Exception {
        TokenMinter minter = new TokenMinter(PemKeys.load(Path.of(arg("key-dir", "src/test/resources/dev-keys"))
                .resolve(PemKeys.PRIVATE_FILE)), "ces-dev", "ces");
        // 5 sessions per user: a resuming client briefly holds its old session and a new one, and the cap is 16
        int perUser = 5;
        String[] tokens = new String[(connections + perUser - 1) / perUser];
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = minter.mint("bench-" + run + "-" + u, List.of("b-*"), List.of("ces.user"), 7200);
        }
        List<BenchConnection> members = new ArrayList<>(connections);
        int rooms = roomNames.length;
        for (int i = 0; i < connections; i++) {
            String[] mine = rooms == 1 ? new String[] {roomNames[0]}
                    : new String[] {roomNames[i % rooms], roomNames[(i + rooms / 2) % rooms]};
            members.add(new BenchConnection(i, tokens[i / perUser], mine));
        }
        return members;
    }

    private String[] rooms(int count) {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "b-" + run + "-" + i;
        }
        return names;
    }

    private String topic() {
        return arg("topic", "ces.events");
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    private int integer(String name, int fallback) {
        return Integer.parseInt(arg(name, Integer.toString(fallback)));
    }

    private double decimal(String name, double fallback) {
        return Double.parseDouble(arg(name, Double.toString(fallback)));
    }

    private int[] rates(String name, String fallback) {
        return Arrays.stream(arg(name, fallback).split(",")).mapToInt(r -> Integer.parseInt(r.trim())).toArray();
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    private void writeReport(String scenario) throws IOException {
        Path out = Path.of(arg("out", "target/bench/results.md"));
        Files.createDirectories(out.getParent());
        String header = "\n## " + scenario + ": " + Instant.now() + " (" + Runtime.getRuntime().availableProcessors()
                + " cores, args " + args + ")\n";
        Files.writeString(out, header + String.join("\n", report) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.println("Appended to " + out.toAbsolutePath());
    }
}
