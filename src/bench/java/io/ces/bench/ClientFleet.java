package io.ces.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.HdrHistogram.Recorder;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Many WebSocket clients on a few Netty event-loop threads. Each frame is read with a few {@code indexOf}s, not a
 * JSON parser, so that the generator stays cheaper per frame than the server it measures. A batched frame (a JSON
 * array of frames, {@code /ws?batch=true}) is split at the boundaries between its elements, which always read
 * {@code },{"type":"}, and each element is read in place.
 */
final class ClientFleet implements AutoCloseable {

    private final EventLoopGroup loops;
    private final URI uri;
    private final List<InetAddress> sources;
    private final Recorder latencyMicros = new Recorder(3);
    /** Connections whose WebSocket handshake completed, and how many of those closed since. */
    final AtomicLong connected = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    /** Why those connections closed: a close frame's code and reason, a cut of the generator's, or a bare TCP close. */
    private final Map<String, LongAdder> closeCauses = new ConcurrentHashMap<>();
    private static final AttributeKey<String> CLOSE_CAUSE = AttributeKey.valueOf("ces.bench.closeCause");
    private static final AttributeKey<Boolean> OPENED = AttributeKey.valueOf("ces.bench.opened");
    final AtomicLong failedConnects = new AtomicLong();
    /**
     * The close frame {@link #cut} sends before the reset, or null for none. Netty's protocol handler sends one on
     * every {@code close()} unless told not to; a network failure sends nothing.
     */
    private final WebSocketCloseStatus closeFrameOnCut;
    /** WebSocket text frames received, and how many of them were arrays of frames. */
    final LongAdder textFrames = new LongAdder();
    final LongAdder arrays = new LongAdder();
    /** The frames inside those arrays. */
    final LongAdder batchedFrames = new LongAdder();
    private static final String ELEMENT_BOUNDARY = "},{\"type\":\"";

    ClientFleet(URI uri, List<InetAddress> sources, int threads, boolean closeFrameOnCut) {
        this.uri = uri;
        this.sources = sources;
        this.loops = new NioEventLoopGroup(threads);
        this.closeFrameOnCut = closeFrameOnCut ? WebSocketCloseStatus.NORMAL_CLOSURE : null;
    }

    Recorder latency() {
        return latencyMicros;
    }

    /**
     * Opens the connection; after the welcome it subscribes to its rooms, or, with {@code resume}, resumes its
     * session with its positions. Completes when the server has answered for every room.
     */
    CompletableFuture<Void> connect(BenchConnection connection, boolean resume) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .customHeaders(new DefaultHttpHeaders().add("Authorization", "Bearer " + connection.token))
                                .handshakeTimeoutMillis(60_000)
                                .maxFramePayloadLength(1 << 20)
                                .sendCloseFrame(closeFrameOnCut)
                                // passed on to Frames, which records the server's code before closing
                                .handleCloseFrames(false)
                                .build();
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config),
                                // a large (batched) message may come in fragments: read it whole
                                new WebSocketFrameAggregator(1 << 20), new Frames(connection, resume, ready),
                                new CloseFrames());
                    }
                });
        InetAddress source = sources.get(connection.index % sources.size());
        ChannelFuture future = bootstrap.connect(new InetSocketAddress(uri.getHost(), uri.getPort()),
                new InetSocketAddress(source, 0));
        future.addListener(done -> {
            if (!done.isSuccess()) {
                failedConnects.incrementAndGet();
                ready.completeExceptionally(done.cause());
            } else {
                connection.channel = future.channel();
                future.channel().closeFuture().addListener(c -> {
                    if (future.channel().hasAttr(OPENED)) {
                        closed.incrementAndGet();
                        String cause = future.channel().attr(CLOSE_CAUSE).get();
                        closeCauses.computeIfAbsent(cause == null ? "TCP closed without a close frame" : cause,
                                any -> new LongAdder()).increment();
                    }
                    ready.completeExceptionally(new IllegalStateException("closed before ready"));
                });
            }
        });
        return ready;
    }

    /**
     * Drops the TCP connection with a reset and, unless the fleet was built with {@code closeFrameOnCut}, without a
     * close frame, as a network failure would.
     */
    void cut(BenchConnection connection) {
        if (connection.channel != null) {
            connection.channel.attr(CLOSE_CAUSE).setIfAbsent("cut by the generator");
            connection.channel.config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel.close();
        }
    }

    /** "cause N, ..." for the connections that closed after their handshake, most frequent first; "none" if none. */
    String closeCauses() {
        String causes = closeCauses.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(
                        (a, b) -> Long.compare(b.sum(), a.sum())))
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue().sum()))
                .collect(Collectors.joining(", "));
        return causes.isEmpty() ? "none" : causes;
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records the code and reason of the server's close frame as the connection's close cause, then closes. */
    private static final class CloseFrames extends SimpleChannelInboundHandler<CloseWebSocketFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, CloseWebSocketFrame frame) {
            context.channel().attr(CLOSE_CAUSE).setIfAbsent("close frame " + frame.statusCode()
                    + (frame.reasonText().isEmpty() ? "" : " (" + frame.reasonText() + ")"));
            context.close();
        }
    }

    private final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final BenchConnection connection;
        private final boolean resume;
        private final CompletableFuture<Void> ready;
        private int answered;

        Frames(BenchConnection connection, boolean resume, CompletableFuture<Void> ready) {
            this.connection = connection;
            this.resume = resume;
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                context.channel().attr(OPENED).set(Boolean.TRUE);
                connected.incrementAndGet();
            }
            super.userEventTriggered(context, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            String text = frame.text();
            textFrames.increment();
            if (text.startsWith("[")) {
                arrays.increment();
                int end = text.length() - 1; // the closing bracket
                int start = 1;
                int elements = 0;
                while (start < end) {
                    int boundary = text.indexOf(ELEMENT_BOUNDARY, start);
                    int stop = boundary < 0 || boundary > end ? end : boundary + 1;
                    element(context, text, start, stop);
                    elements++;
                    start = stop + 1;
                }
                batchedFrames.add(elements);
            } else {
                element(context, text, 0, text.length());
            }
        }

        /** One server frame: {@code text} from {@code from} to {@code to}. */
        private void element(ChannelHandlerContext context, String text, int from, int to) {
            if (text.startsWith("{\"type\":\"message\"", from)) {
                message(text, from);
            } else if (text.startsWith("{\"type\":\"welcome\"", from)) {
                welcome(context, text.substring(from, to));
            } else if (text.startsWith("{\"type\":\"subscribed\"", from)) {
                if (resume && !text.substring(from, to).contains("\"recovered\":true")) {
                    connection.recovered = false;
                }
                if (++answered == connection.rooms.length) {
                    connection.recoveredAtNanos = System.nanoTime();
                    ready.complete(null);
                }
            } else if (text.startsWith("{\"type\":\"error\"", from)) {
                ready.completeExceptionally(new IllegalStateException(text.substring(from, to)));
            }
        }

        private void welcome(ChannelHandlerContext context, String text) {
            if (resume) {
                connection.recovered = true;
                // the connection goes on serving the resumed session, whose id and token stay the client's to resume
                // with next time; this welcome's fresh session is dropped
                context.writeAndFlush(new TextWebSocketFrame(connection.resumeFrame()));
                return;
            }
            connection.session = field(text, "\"session\":\"");
            connection.resumeToken = field(text, "\"resumeToken\":\"");
            for (String room : connection.rooms) {
                context.write(new TextWebSocketFrame("{\"type\":\"subscribe\",\"id\":\"" + room + "\",\"room\":\""
                        + room + "\"}"));
            }
            context.flush();
        }

        /** A message frame starting at {@code from}; its fields are the first of their names from there on. */
        private void message(String text, int from) {
            String room = field(text, "\"room\":\"", from);
            int index = room == null ? -1 : connection.roomIndex(room);
            if (index < 0) {
                return;
            }
            long seq = number(text, "\"seq\":", from);
            long sent = number(text, "\"t\":", from);
            long eventNumber = number(text, "\"k\":", from);
            latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
            connection.received(index, seq, eventNumber);
        }
    }

    static String field(String text, String prefix) {
        return field(text, prefix, 0);
    }

    static String field(String text, String prefix, int from) {
        int start = text.indexOf(prefix, from);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        return text.substring(start, text.indexOf('"', start));
    }

    static long number(String text, String prefix) {
        return number(text, prefix, 0);
    }

    static long number(String text, String prefix, int from) {
        int at = text.indexOf(prefix, from) + prefix.length();
        long value = 0;
        boolean negative = text.charAt(at) == '-';
        if (negative) {
            at++;
        }
        for (char c; at < text.length() && (c = text.charAt(at)) >= '0' && c <= '9'; at++) {
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
