package io.ces.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the server process uses: RSS and CPU from /proc, heap from its MicroProfile Metrics. */
final class ServerProbe {

    private static final long TICKS_PER_SECOND = 100;

    private final long pid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newHttpClient();
    private long lastTicks;
    private long lastNanos;

    ServerProbe(long pid, String baseUrl) {
        this.pid = pid;
        this.metrics = URI.create(baseUrl + "/metrics?scope=base");
        this.lastTicks = ticks(pid);
        this.lastNanos = System.nanoTime();
    }

    static long pidOf(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    long pid() {
        return pid;
    }

    long rssBytes() {
        return rssBytes(pid);
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The kernel's name of HotSpot's C2 compiler threads, as {@link #threadTicks()} groups them. */
    static final String JIT_COMPILER_THREADS = "C2 CompilerThre";

    /** CPU used since the previous call, in percent of one core. */
    double cpuPercentSinceLast() {
        long ticks = ticks(pid);
        long now = System.nanoTime();
        double percent = (ticks - lastTicks) * 100.0 / TICKS_PER_SECOND / ((now - lastNanos) / 1e9);
        lastTicks = ticks;
        lastNanos = now;
        return percent;
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * CPU ticks used so far by each kind of the server's threads: the kernel's thread names (15 characters) with a
     * trailing number dropped, so that a pool's threads add up to one line.
     */
    Map<String, Long> threadTicks() {
        Map<String, Long> byKind = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#.]?[0-9]+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byKind.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byKind;
    }

    /** Starts measuring the server's CPU, in all and per kind of thread, over one phase of a scenario. */
    Phase phase() {
        cpuPercentSinceLast();
        return new Phase(threadTicks(), System.nanoTime());
    }

    /** A phase being measured ({@link #phase()}). */
    final class Phase {
        private final Map<String, Long> threadsAtStart;
        private final long startNanos;

        private Phase(Map<String, Long> threadsAtStart, long startNanos) {
            this.threadsAtStart = threadsAtStart;
            this.startNanos = startNanos;
        }

        /** Ends the phase: its length, the server's CPU over it, and its {@code kinds} busiest kinds of thread. */
        PhaseCpu end(int kinds) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpu = cpuPercentSinceLast();
            Map<String, Long> threadsAtEnd = threadTicks();
            Map<String, Double> percentByKind = new HashMap<>();
            threadsAtEnd.forEach((kind, ticks) -> {
                long used = ticks - threadsAtStart.getOrDefault(kind, 0L);
                if (used > 0) {
                    percentByKind.put(kind, used * 100.0 / TICKS_PER_SECOND / seconds);
                }
            });
            return new PhaseCpu(seconds, cpu, percentByKind, kinds);
        }
    }

    /**
     * @param percentByKind what each kind of thread used, in percent of one core
     * @param kinds how many of the busiest kinds {@link #busiest()} names
     */
    record PhaseCpu(double seconds, double cpuPercent, Map<String, Double> percentByKind, int kinds) {

        /** "name N %, ..." in percent of one core, busiest first. */
        String busiest() {
            return percentByKind.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(kinds)
                    .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        /** What the server's C2 JIT compiler threads used, in percent of one core: high while it still warms up. */
        double jitCompilerPercent() {
            return percentByKind.getOrDefault(JIT_COMPILER_THREADS, 0.0);
        }
    }

    /**
     * Runs async-profiler's {@code command} ("start,event=cpu,..." or "stop,file=...,collapsed") in the server
     * through jcmd, so that one phase of a scenario can be profiled on its own. False if jcmd failed.
     */
    boolean profiler(String library, String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    // quoted: jcmd would otherwise read the options' name=value pairs as arguments of its own
                    Long.toString(pid), "JVMTI.agent_load", library, '"' + command + '"').redirectErrorStream(true)
                    .start();
            String answer = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // jcmd exits with 0 even when the agent refuses the command; the agent's own answer says so
            boolean done = jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0
                    && answer.contains("return code: 0");
            if (!done) {
                System.out.println("async-profiler through jcmd, " + command + ": " + answer.strip());
            }
            return done;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Used heap after a full GC (jcmd), from the server's base metrics. */
    long heapAfterGcBytes() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            return usedHeapBytes();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long usedHeapBytes() {
        try {
            String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)").matcher(text);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A counter of CES's application metrics, such as ces_events_consumed_total. */
    double applicationCounter(String baseUrl, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)").matcher(applicationMetrics(baseUrl));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /**
     * The cumulative counts of one of CES's timer histograms, by the bucket's upper bound in seconds (the last
     * bound infinite): what {@code name_bucket} says now. Empty when the server does not answer.
     */
    TreeMap<Double, Double> applicationHistogram(String baseUrl, String name) {
        TreeMap<Double, Double> counts = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^" + name + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(applicationMetrics(baseUrl));
        while (m.find()) {
            double bound = "+Inf".equals(m.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            counts.put(bound, Double.parseDouble(m.group(2)));
        }
        return counts;
    }

    private String applicationMetrics(String baseUrl) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
