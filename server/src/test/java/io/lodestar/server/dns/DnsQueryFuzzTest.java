package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.server.metrics.QueryStats;
import io.lodestar.testing.FuzzBounds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Every byte sequence a client can send, through the real UDP and TCP handlers in an {@link EmbeddedChannel}: no
 * exception escapes, nothing leaks, no hang, allocation stays bounded, and every message gets a well-formed
 * response ({@link ResponseOracle}) or a counted drop. Over TCP the stream is fed in pieces of varying sizes; every
 * complete message before the first one that cannot be answered gets its response, in order, then the connection
 * closes; and it always closes once the client half-closes. Seeds: real dig and kdig queries captured on loopback
 * (docs/reliability.md); findings are kept next to them.
 */
class DnsQueryFuzzTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final int UDP_MAX = 1232;
    /** Small, so that pausing and resuming reads is exercised too. */
    private static final int MAX_PENDING = 2;
    private static final int[] PIECES = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377};
    /** Per message: the response buffer, the packet and the channel's bookkeeping. */
    private static final long BYTES_PER_MESSAGE = 16 * 1024;
    private static final Config CONFIG = FuzzZone.config();
    private static final QueryProcessor PROCESSOR = FuzzZone.processor(CONFIG);
    private static final QueryStats STATS = new QueryStats();

    @FuzzTest
    void udpDatagram(byte[] input) {
        Run run = FuzzBounds.check("one datagram of " + input.length + " bytes", BYTES_PER_MESSAGE,
                () -> new Run(counters -> new UdpQueryHandler(new QueryAnswerer(PROCESSOR, counters, STATS, UDP_MAX))),
                r -> r.channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(input), CLIENT, CLIENT)));

        List<byte[]> replies = run.replies();
        assertThat(run.counters.errors()).as("errors").isZero();
        assertThat(run.channel.isOpen()).as("the UDP channel stays open").isTrue();
        if (ResponseOracle.dropped(input)) {
            assertThat(replies).as("a dropped message gets no reply").isEmpty();
            assertThat(run.counters.dropped()).as("the drop is counted").isEqualTo(1);
        } else {
            assertThat(replies).as("one reply").hasSize(1);
            ResponseOracle.assertUdpAnswer(input, replies.get(0), UDP_MAX);
        }
        run.close();
    }

    @FuzzTest
    void tcpStream(byte[] input) {
        Frames frames = Frames.of(input);
        Run run = FuzzBounds.check("a stream of " + input.length + " bytes",
                BYTES_PER_MESSAGE * (frames.answerable().size() + 1) + 4L * input.length,
                () -> new Run(counters -> new TcpQueryHandler(new QueryAnswerer(PROCESSOR, counters, STATS, UDP_MAX),
                        MAX_PENDING)),
                r -> feed(r.channel, input));

        List<byte[]> replies = run.replies();
        assertThat(run.counters.errors()).as("errors").isZero();
        assertThat(replies).as("responses to the messages before the first unanswerable one")
                .hasSize(frames.answerable().size());
        for (int i = 0; i < replies.size(); i++) {
            byte[] reply = replies.get(i);
            assertThat(((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF)).as("length prefix").isEqualTo(reply.length - 2);
            ResponseOracle.assertTcpAnswer(frames.answerable().get(i), Arrays.copyOfRange(reply, 2, reply.length));
        }
        assertThat(run.counters.tcpBadFrames()).as("bad frames counted").isEqualTo(frames.endsBadly() ? 1 : 0);
        assertThat(run.channel.isOpen()).as("closed after the client's half-close").isFalse();
        run.close();
    }

    /** Feeds the stream in pieces of growing sizes, then half-closes it as a client that is done sending. */
    private static void feed(EmbeddedChannel channel, byte[] input) {
        int offset = 0;
        for (int i = 0; offset < input.length && channel.isOpen(); i++) {
            int n = Math.min(PIECES[i % PIECES.length], input.length - offset);
            channel.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
            offset += n;
        }
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.runPendingTasks();
    }

    /** One handler in a fresh channel with a tracking allocator and its own counters. */
    private static final class Run implements AutoCloseable {
        final LeakCheck.TrackingAllocator alloc = new LeakCheck.TrackingAllocator();
        final DnsCounters counters = new DnsCounters();
        final EmbeddedChannel channel = new EmbeddedChannel();

        Run(Function<DnsCounters, ChannelHandler> handler) {
            channel.config().setAllocator(alloc);
            channel.pipeline().addLast(handler.apply(counters));
        }

        /** The bytes of every message written, released. */
        List<byte[]> replies() {
            List<byte[]> out = new ArrayList<>();
            for (Object msg; (msg = channel.readOutbound()) != null; ) {
                ByteBuf buf = msg instanceof DatagramPacket p ? p.content() : (ByteBuf) msg;
                out.add(ByteBufUtil.getBytes(buf));
                buf.release();
            }
            return out;
        }

        /** Releases what is left and checks that every buffer the handler allocated was released. */
        @Override
        public void close() {
            channel.finishAndReleaseAll();
            alloc.assertAllReleased();
        }
    }

    /** The messages of a TCP stream as RFC 1035 4.2.2 frames them, and which of them the server must answer. */
    private record Frames(List<byte[]> answerable, boolean endsBadly) {
        static Frames of(byte[] stream) {
            List<byte[]> answerable = new ArrayList<>();
            int p = 0;
            while (p + 2 <= stream.length) {
                int length = ((stream[p] & 0xFF) << 8) | (stream[p + 1] & 0xFF);
                if (p + 2 + length > stream.length) {
                    break;
                }
                byte[] message = Arrays.copyOfRange(stream, p + 2, p + 2 + length);
                p += 2 + length;
                if (length == 0 || ResponseOracle.dropped(message)) {
                    return new Frames(answerable, true);
                }
                answerable.add(message);
            }
            return new Frames(answerable, false);
        }
    }
}
