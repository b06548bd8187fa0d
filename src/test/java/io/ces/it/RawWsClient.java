package io.ces.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A WebSocket client on a plain socket, for what well-behaved clients never do: stay silent when pinged, or vanish
 * with a TCP reset instead of a close handshake. Frames are parsed just enough for the tests (RFC 6455).
 */
public final class RawWsClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final boolean answerPings;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** WebSocket text frames that were JSON arrays of frames (batched), and those that were single objects. */
    private final java.util.concurrent.atomic.AtomicInteger arrayFrames = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger objectFrames = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread reader;
    private volatile long readDelayMillis;
    private volatile java.util.concurrent.CountDownLatch readingAllowed = new java.util.concurrent.CountDownLatch(0);

    private RawWsClient(Socket socket, boolean answerPings) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.answerPings = answerPings;
        this.reader = new Thread(this::readFrames, "raw-ws-reader");
        this.reader.setDaemon(true);
    }

    /** Connects to {@code /ws} with a bearer token; {@code answerPings=false} makes a client that never pongs. */
    public static RawWsClient connect(String pathAndQuery, String token, boolean answerPings) throws IOException {
        return connect(Gateway.HTTP_PORT, pathAndQuery, token, answerPings);
    }

    /** Connects to the replica listening on {@code port}. */
    public static RawWsClient connect(int port, String pathAndQuery, String token, boolean answerPings)
            throws IOException {
        return connect(port, pathAndQuery, token, answerPings, 0);
    }

    /**
     * Connects with a socket receive buffer of {@code receiveBufferBytes} (0: the system's, which grows to
     * megabytes): with a small one, a client that reads slowly is behind after a few frames, not thousands.
     */
    public static RawWsClient connect(int port, String pathAndQuery, String token, boolean answerPings,
            int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connecting, so that the window is negotiated
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setTcpNoDelay(true);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String status = readHttpHead(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        RawWsClient client = new RawWsClient(socket, answerPings);
        client.reader.start();
        return client;
    }

    private static String readHttpHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    private void readFrames() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                awaitReadingAllowed();
                long delay = readDelayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                int opcode = first & 0x0F;
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                switch (opcode) {
                    case 0x0, 0x1 -> {
                        message.write(payload);
                        if ((first & 0x80) != 0) {
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            jakarta.json.JsonValue value = Json.createReader(new StringReader(text)).readValue();
                            if (value instanceof jakarta.json.JsonArray batch) {
                                // a batched frame (/ws?batch=true): its elements, in order
                                arrayFrames.incrementAndGet();
                                batch.forEach(element -> frames.add(element.asJsonObject()));
                            } else {
                                objectFrames.incrementAndGet();
                                frames.add(value.asJsonObject());
                            }
                        }
                    }
                    case 0x8 -> {
                        closeCode.complete(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
                        return;
                    }
                    case 0x9 -> {
                        if (answerPings) {
                            sendFrame(0xA, payload);
                        }
                    }
                    default -> {
                        // pong or anything else: ignored
                    }
                }
            }
        } catch (IOException e) {
            closeCode.complete(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeCode.complete(-1);
        }
    }

    private void awaitReadingAllowed() throws IOException {
        try {
            readingAllowed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Stops reading from the socket after the frame being read: a client that hangs, as far as TCP can tell. */
    public void pauseReading() {
        readingAllowed = new java.util.concurrent.CountDownLatch(1);
    }

    public void resumeReading() {
        readingAllowed.countDown();
    }

    /** Reads one frame every {@code perFrame} (zero: as fast as frames come): a client on a slow link. */
    public void readEvery(Duration perFrame) {
        readDelayMillis = perFrame.toMillis();
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public JsonObject next(Duration timeout) {
        try {
            JsonObject frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How many WebSocket text frames so far were JSON arrays of frames ({@code /ws?batch=true}). */
    public int arrayFrames() {
        return arrayFrames.get();
    }

    /** How many WebSocket text frames so far were single JSON objects. */
    public int objectFrames() {
        return objectFrames.get();
    }

    /** Every JSON frame received so far, without waiting. */
    public java.util.List<JsonObject> received() {
        java.util.List<JsonObject> all = new java.util.ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting for it; -1 if the connection ended without a close frame. */
    public int awaitClose(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no close within " + timeout, e);
        }
    }

    /** Ends the TCP connection with a reset: no close frame, as when a network drops. */
    public void cutTcp() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
