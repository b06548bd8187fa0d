package io.ces.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The capacity scenario over several CES replicas and several load-generator processes. A process may hold fewer
 * than 20,000 sockets on the build machine (a hard descriptor limit), so one generator cannot hold more than one
 * server can. This forks generator processes (the same class path, scenario {@code capacity-share}), each holding
 * its share of the connections to one replica, and measures every replica while they all hold.
 *
 * <p>Protocol with a share: it prints {@code share-ready <ready> <seconds>} once its connections are subscribed,
 * waits for a line on its standard input, then prints {@code share-open <open> <close causes>} and exits.
 */
final class CapacitySpread {

    /** Arguments of this process that a share must not inherit: it gets its own. */
    private static final Set<String> OWN = Set.of("scenario", "connections", "servers", "generators", "http", "ws",
            "out", "connect-rate", "connect-in-flight", "generator-heap", "hold-seconds");

    private final Map<String, String> args;
    private final Consumer<String> line;
    private final List<Server> servers = new ArrayList<>();

    private record Server(String name, String url, ServerProbe probe) {
    }

    private record Share(int index, Server server, int connections, Process process,
            CompletableFuture<String> ready, CompletableFuture<String> open) {
    }

    CapacitySpread(Map<String, String> args, Consumer<String> line) throws IOException {
        this.args = args;
        this.line = line;
        for (String server : args.getOrDefault("servers", "").split(",")) {
            int at = server.indexOf('@');
            if (at > 0) {
                String name = server.substring(0, at).trim();
                String url = server.substring(at + 1).trim();
                Path pidFile = Path.of("target/liberty/wlp/usr/servers/.pid/" + name + ".pid");
                servers.add(new Server(name, url, new ServerProbe(ServerProbe.pidOf(pidFile), url)));
            }
        }
    }

    /** Whether the capacity scenario is to be spread: more than one server, or more than one generator process. */
    static boolean wanted(Map<String, String> args) {
        return args.getOrDefault("servers", "").contains(",") || Integer.parseInt(args.getOrDefault("generators", "1")) > 1;
    }

    void run(int connections, double holdSeconds) throws Exception {
        int generators = Integer.parseInt(args.getOrDefault("generators", Integer.toString(servers.size())));
        int connectRate = Integer.parseInt(args.getOrDefault("connect-rate", "2000"));
        int inFlight = Integer.parseInt(args.getOrDefault("connect-in-flight", "500"));
        int serverCount = servers.size();
        long[] heapBefore = new long[serverCount];
        long[] rssBefore = new long[serverCount];
        for (int s = 0; s < serverCount; s++) {
            heapBefore[s] = servers.get(s).probe().heapAfterGcBytes();
            rssBefore[s] = servers.get(s).probe().rssBytes();
            servers.get(s).probe().cpuPercentSinceLast();
        }
        long start = System.nanoTime();
        List<Share> shares = new ArrayList<>();
        for (int g = 0; g < generators; g++) {
            int share = connections / generators + (g < connections % generators ? 1 : 0);
            shares.add(fork(g, servers.get(g % serverCount), share, Math.max(1, connectRate / generators),
                    Math.max(1, inFlight / generators)));
        }
        int ready = 0;
        double slowest = 0;
        for (Share share : shares) {
            String[] answer = share.ready().get(30, TimeUnit.MINUTES).split(" ");
            ready += Integer.parseInt(answer[1]);
            slowest = Math.max(slowest, Double.parseDouble(answer[2]));
        }
        double allReady = (System.nanoTime() - start) / 1e9;
        double[] cpu = new double[serverCount];
        for (int s = 0; s < serverCount; s++) {
            cpu[s] = servers.get(s).probe().cpuPercentSinceLast();
        }
        Thread.sleep((long) (holdSeconds * 1000));
        long[] heapAfter = new long[serverCount];
        long[] rssAfter = new long[serverCount];
        for (int s = 0; s < serverCount; s++) {
            heapAfter[s] = servers.get(s).probe().heapAfterGcBytes();
            rssAfter[s] = servers.get(s).probe().rssBytes();
        }
        long[] generatorRss = new long[generators];
        for (Share share : shares) {
            generatorRss[share.index()] = ServerProbe.rssBytes(share.process().pid());
            OutputStream stdin = share.process().getOutputStream();
            stdin.write("report\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }
        long[] heldBy = new long[serverCount];
        long open = 0;
        StringBuilder closes = new StringBuilder();
        for (Share share : shares) {
            String[] answer = share.open().get(5, TimeUnit.MINUTES).split(" ", 3);
            long held = Long.parseLong(answer[1]);
            closes.append(String.format(Locale.ROOT, "%s%d: %s", closes.length() == 0 ? "" : "; ", share.index(),
                    answer.length > 2 ? answer[2] : "unknown"));
            heldBy[servers.indexOf(share.server())] += held;
            open += held;
            share.process().getOutputStream().close();
            share.process().waitFor(60, TimeUnit.SECONDS);
        }
        report(connections, generators, ready, open, allReady, slowest, holdSeconds, heldBy, heapBefore, heapAfter,
                rssBefore, rssAfter, cpu, shares, generatorRss);
        line.accept("Connections closed after their handshake, by cause, per load generator: " + closes + ".");
    }

    private Share fork(int index, Server server, int connections, int connectRate, int inFlight) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + args.getOrDefault("generator-heap", "1g"), "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), "scenario=capacity-share", "connections=" + connections,
                "http=" + server.url(), "connect-rate=" + connectRate, "connect-in-flight=" + inFlight,
                "out=target/bench/capacity-shares.md"));
        args.forEach((name, value) -> {
            if (!OWN.contains(name)) {
                command.add(name + "=" + value);
            }
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<String> open = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String text; (text = out.readLine()) != null;) {
                    if (text.startsWith("share-ready ")) {
                        ready.complete(text);
                    } else if (text.startsWith("share-open ")) {
                        open.complete(text);
                    } else if (!text.isBlank()) {
                        System.out.println("[generator " + index + "] " + text);
                    }
                }
            } catch (IOException e) {
                // the process ended; the futures below say so
            }
            ready.complete("share-ready 0 0");
            open.complete("share-open 0");
        }, "generator-" + index);
        reader.setDaemon(true);
        reader.start();
        return new Share(index, server, connections, process, ready, open);
    }

    private void report(int connections, int generators, int ready, long open, double allReady, double slowest,
            double holdSeconds, long[] heldBy, long[] heapBefore, long[] heapAfter, long[] rssBefore, long[] rssAfter,
            double[] cpu, List<Share> shares, long[] generatorRss) {
        line.accept(String.format(Locale.ROOT, "%,d connections over %d CES servers from %d load-generator processes: "
                + "%,d authenticated and subscribed in %.1f s (the slowest process %.1f s after its start); %,d still "
                + "open after %.0f s idle.", connections, servers.size(), generators, ready, allReady, slowest, open,
                holdSeconds));
        line.accept("");
        line.accept("| server | connections held | heap after GC MiB (before) | RSS MiB (before) | KiB heap per connection "
                + "| KiB RSS per connection | server CPU % while connecting |");
        line.accept("|---|---|---|---|---|---|---|");
        long held = 0;
        long heap = 0;
        long heap0 = 0;
        long rss = 0;
        long rss0 = 0;
        for (int s = 0; s < servers.size(); s++) {
            line.accept(row(servers.get(s).name(), heldBy[s], heapAfter[s], heapBefore[s], rssAfter[s], rssBefore[s],
                    String.format(Locale.ROOT, "%.0f", cpu[s])));
            held += heldBy[s];
            heap += heapAfter[s];
            heap0 += heapBefore[s];
            rss += rssAfter[s];
            rss0 += rssBefore[s];
        }
        line.accept(row("sum", held, heap, heap0, rss, rss0, ""));
        line.accept("");
        StringBuilder processes = new StringBuilder("Load generators:");
        for (Share share : shares) {
            processes.append(String.format(Locale.ROOT, " %d: %,d connections to %s, RSS %,d MiB;", share.index(),
                    share.connections(), share.server().name(), generatorRss[share.index()] >> 20));
        }
        line.accept(processes.substring(0, processes.length() - 1) + ".");
    }

    private static String row(String name, long held, long heapAfter, long heapBefore, long rssAfter, long rssBefore,
            String cpu) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d (%,d) | %,d (%,d) | %,.1f | %,.1f | %s |", name, held,
                heapAfter >> 20, heapBefore >> 20, rssAfter >> 20, rssBefore >> 20,
                (heapAfter - heapBefore) / 1024.0 / Math.max(1, held), (rssAfter - rssBefore) / 1024.0 / Math.max(1, held),
                cpu);
    }
}
