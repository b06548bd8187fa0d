package io.ces.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange on a plain socket bound to a chosen local address: java.net.http cannot choose the address
 * a request comes from, and rate limits are counted per client address. Linux routes all of 127.0.0.0/8 to the
 * loopback interface, so 127.0.0.2 and up are clients of their own.
 */
public final class RawHttp {

    /** Status, headers (names in lower case) and body of one answer; the body is empty after a 101. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** {@code POST path} with a JSON body and a bearer token, from {@code client} to the replica on {@code port}. */
    public static Answer post(String client, int port, String path, String token, String json) throws IOException {
        return post(client, port, path, token, json, "");
    }

    /** The same, with more header lines ({@code "Name: value\r\n"} each). */
    public static Answer post(String client, int port, String path, String token, String json, String moreHeaders)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange(client, port, "POST " + path + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + moreHeaders
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n", body);
    }

    /** A WebSocket upgrade of {@code pathAndQuery}; the socket is closed as soon as the answer's head is read. */
    public static Answer upgrade(String client, int port, String pathAndQuery, String token) throws IOException {
        return upgradeWith(client, port, pathAndQuery, "Authorization: Bearer " + token + "\r\n");
    }

    /** The same, with the caller's credentials and other header lines ({@code "Name: value\r\n"} each). */
    public static Answer upgradeWith(String client, int port, String pathAndQuery, String headerLines)
            throws IOException {
        return exchange(client, port, "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + headerLines + "\r\n", new byte[0]);
    }

    private static Answer exchange(String client, int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            if (status == 101) {
                return new Answer(status, headers, "");
            }
            return new Answer(status, headers, readBody(in, headers));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the answer's head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (chunk == 0) {
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(chunk));
                readLine(in);
            }
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
