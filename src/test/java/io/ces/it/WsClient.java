package io.ces.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A WebSocket test client: connects like a real client, collects every frame the server sends. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> raw = new ArrayList<>();
    private WebSocket socket;
    private JsonObject welcome;

    private WsClient() {
    }

    public static WsClient connect(String token) {
        return connect(Gateway.WS, token);
    }

    public static WsClient connect(String url, String token) {
        return connect(Gateway.HTTP_CLIENT, url, token);
    }

    /** Connects through the given client, such as one that trusts the server's TLS certificate for wss://. */
    public static WsClient connect(java.net.http.HttpClient http, String url, String token) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(URI.create(url), client).join();
        return client;
    }

    /** Connects with the token in the ces_token cookie, the way a browser does. */
    public static WsClient connectWithCookie(String url, String token) {
        WsClient client = new WsClient();
        client.socket = Gateway.HTTP_CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Cookie", "ces_token=" + token)
                .buildAsync(URI.create(url), client).join();
        return client;
    }

    /** The HTTP status with which the upgrade was refused, or 101 if it succeeded. */
    public static int upgradeStatus(String token) {
        try (WsClient client = connect(token)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public JsonObject welcome() {
        if (welcome == null) {
            welcome = next();
            if (!"welcome".equals(welcome.getString("type"))) {
                throw new AssertionError("first frame is not a welcome: " + welcome);
            }
        }
        return welcome;
    }

    public String sessionId() {
        return welcome().getString("session");
    }

    public void send(String text) {
        welcome();
        socket.sendText(text, true).join();
    }

    /** Subscribes and waits for the answer (subscribed or error). */
    public JsonObject subscribe(String room) {
        String id = "s-" + room;
        send("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"room\":\"" + room + "\"}");
        return nextMatching(f -> id.equals(f.getString("ref", null)));
    }

    public JsonObject next() {
        return next(Duration.ofSeconds(20));
    }

    public JsonObject next(Duration timeout) {
        try {
            JsonObject frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout
                        + (closed.isDone() ? "; the socket was closed with " + closed.getNow(null)[0] : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonObject nextMatching(Predicate<JsonObject> wanted) {
        while (true) {
            JsonObject frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Waits for {@code count} message frames, failing if they do not all arrive in time. */
    public List<JsonObject> messages(int count, Duration timeout) {
        List<JsonObject> received = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("received " + received.size() + " of " + count + " messages within " + timeout);
            }
            try {
                JsonObject frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null && "message".equals(frame.getString("type"))) {
                    received.add(frame);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return received;
    }

    /** Frames received in the given time, without waiting for more. */
    public List<JsonObject> drain(Duration quiet) {
        List<JsonObject> received = new ArrayList<>();
        try {
            JsonObject frame;
            while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                received.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received;
    }

    /** The close code and waits for it, or fails when the socket stays open. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS)[0];
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            synchronized (raw) {
                raw.add(text);
            }
            frames.add(Json.createReader(new StringReader(text)).readObject());
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new int[] {statusCode});
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new int[] {-1});
    }

    @Override
    public void close() {
        if (socket != null && !closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }
}
