package io.ces.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Where the server under test listens, and a shared HTTP client. */
public final class Gateway {

    public static final int HTTP_PORT = Integer.getInteger("ces.http.port", 19080);
    public static final String HTTP = "http://localhost:" + HTTP_PORT;
    public static final String WS = "ws://localhost:" + HTTP_PORT + "/ws";
    /** The second replica: same WAR, same broker, same cache cluster. */
    public static final int HTTP_PORT_B = Integer.getInteger("ces.http.port.b", 19081);
    public static final String WS_B = "ws://localhost:" + HTTP_PORT_B + "/ws";
    public static final String KAFKA = System.getProperty("ces.kafka.bootstrap-servers", "127.0.0.1:19092");
    public static final HttpClient HTTP_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway() {
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP_CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(HTTP + path));
    }
}
