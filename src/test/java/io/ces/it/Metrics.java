package io.ces.it;

import java.net.URI;
import java.net.http.HttpRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads CES's application metrics from the Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every series of {@code name} whose labels contain all of {@code labels} (e.g. source="kafka"). */
    public static double sum(String name, String... labels) {
        return sumOn(Gateway.HTTP_PORT, name, labels);
    }

    /** As {@link #sum}, on the replica listening on {@code httpPort}. */
    public static double sumOn(int httpPort, String name, String... labels) {
        String body = Gateway.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/metrics?scope=application")).GET()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+)").matcher(body);
        double total = 0;
        while (m.find()) {
            String series = m.group(1) == null ? "" : m.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
