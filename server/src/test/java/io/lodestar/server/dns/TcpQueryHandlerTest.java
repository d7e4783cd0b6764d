package io.lodestar.server.dns;

import static io.lodestar.server.dns.WireFixtures.WEB_A_QUESTION;
import static io.lodestar.server.dns.WireFixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.server.metrics.QueryStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TCP handler in an {@link EmbeddedChannel} under PARANOID leak detection: RFC 7766 framing across reads,
 * pipelining, the per-connection cap on waiting answers, half close, idle and malformed frames.
 */
class TcpQueryHandlerTest {
    private final Config config = TestZone.config();
    private final LeakCheck.TrackingAllocator alloc = new LeakCheck.TrackingAllocator();
    private final DnsCounters counters = new DnsCounters();
    private EmbeddedChannel channel;

    @BeforeAll
    static void paranoid() {
        LeakCheck.paranoid();
    }

    @AfterAll
    static void noLeaks() {
        LeakCheck.assertNoReportedLeaks();
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        alloc.assertAllReleased();
    }

    private EmbeddedChannel channel(int maxPending, io.netty.channel.ChannelHandler... before) {
        channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(before);
        channel.pipeline().addLast(new TcpQueryHandler(new QueryAnswerer(TestZone.processor(config), counters, new QueryStats(), 1232), maxPending));
        return channel;
    }

    @Test
    void answersAQuerySplitAcrossReads() {
        channel(8);
        byte[] framed = frame(7);

        channel.writeInbound(copy(framed, 0, 1));
        channel.writeInbound(copy(framed, 1, 9));
        assertThat(channel.outboundMessages()).as("nothing before the whole message").isEmpty();
        channel.writeInbound(copy(framed, 10, framed.length - 10));

        assertThat(readIds()).containsExactly(7);
    }

    @Test
    void answersPipelinedQueriesInOrder() {
        channel(8);
        byte[] all = concat(frame(1), frame(2), frame(3));

        channel.writeInbound(copy(all, 0, all.length - 5));
        channel.writeInbound(copy(all, all.length - 5, 5));

        assertThat(readIds()).containsExactly(1, 2, 3);
        assertThat(counters.tcpQueries()).isEqualTo(3);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void stopsReadingWhileTooManyAnswersWait() {
        HeldWrites held = new HeldWrites();
        channel(2, held);
        try {
            channel.writeInbound(copy(concat(frame(1), frame(2), frame(3), frame(4), frame(5)), 0, 5 * frame(1).length));

            assertThat(held.ids()).containsExactly(1, 2);
            assertThat(counters.tcpPipelineFull()).as("the pause is counted").isEqualTo(1);
            assertThat(channel.config().isAutoRead()).as("reading paused at 2 waiting answers").isFalse();

            held.completeAll();
            assertThat(held.ids()).containsExactly(1, 2, 3, 4);
            assertThat(channel.config().isAutoRead()).isFalse();

            held.completeAll();
            assertThat(held.ids()).containsExactly(1, 2, 3, 4, 5);
            assertThat(channel.config().isAutoRead()).as("reading resumed: 1 answer waits").isTrue();
        } finally {
            held.releaseAll();
        }
    }

    @Test
    void answersEverythingThenClosesAfterTheClientStopsSending() {
        channel(8);
        byte[] two = concat(frame(1), frame(2));
        channel.writeInbound(copy(two, 0, two.length - 1));

        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertThat(readIds()).containsExactly(1);
        assertThat(channel.isOpen()).as("closed: the rest of the second message never comes").isFalse();
    }

    @Test
    void aZeroLengthClosesTheConnection() {
        channel(8);
        channel.writeInbound(copy(concat(frame(1), new byte[] {0, 0}, frame(2)), 0, 2 * frame(1).length + 2));

        assertThat(readIds()).containsExactly(1);
        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.tcpBadFrames()).isEqualTo(1);
    }

    @Test
    void aMessageThatCannotBeAnsweredClosesTheConnection() {
        channel(8);
        channel.writeInbound(copy(new byte[] {0, 3, 1, 2, 3}, 0, 5));

        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.tcpBadFrames()).isEqualTo(1);
        assertThat(counters.dropped()).isEqualTo(1);
    }

    @Test
    void theIdleEventClosesTheConnection() {
        channel(8);

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.tcpIdleClosed()).isEqualTo(1);
    }

    @Test
    void survivesRandomStreams() {
        Random random = new Random(20261121L);
        for (int i = 0; i < 300; i++) {
            channel(4);
            for (int chunk = 0; chunk < 5 && channel.isOpen(); chunk++) {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                if (chunk == 0 && bytes.length > 2) {
                    bytes[0] = 0; // lengths that fit in the chunks, so whole messages get parsed too
                }
                channel.writeInbound(copy(bytes, 0, bytes.length));
                for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                    assertThat(out.getUnsignedShort(0)).isEqualTo(out.readableBytes() - 2);
                    out.release();
                }
            }
            channel.finishAndReleaseAll();
        }
        assertThat(counters.errors()).isZero();
    }

    /** A framed query for web.marathon.mesos. A with this id. */
    private static byte[] frame(int id) {
        byte[] message = WireFixtures.hex(header(id, 0x0100, 1) + WEB_A_QUESTION);
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private ByteBuf copy(byte[] bytes, int offset, int length) {
        return alloc.buffer(length).writeBytes(bytes, offset, length);
    }

    /** The ids of the framed answers written so far, each checked for its length prefix and released. */
    private List<Integer> readIds() {
        List<Integer> ids = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            try {
                assertThat(out.getUnsignedShort(0)).as("length prefix").isEqualTo(out.readableBytes() - 2);
                ids.add(out.getUnsignedShort(2));
            } finally {
                out.release();
            }
        }
        return ids;
    }

    /** Holds writes as a socket that the client does not read would, until the test completes them. */
    private static final class HeldWrites extends ChannelOutboundHandlerAdapter {
        private final List<ByteBuf> messages = new ArrayList<>();
        private final List<ChannelPromise> promises = new ArrayList<>();
        private final List<Integer> ids = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf buf = (ByteBuf) msg;
            ids.add(buf.getUnsignedShort(2));
            messages.add(buf);
            promises.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
        }

        List<Integer> ids() {
            return ids;
        }

        void completeAll() {
            List<ChannelPromise> done = new ArrayList<>(promises);
            promises.clear();
            done.forEach(ChannelPromise::setSuccess);
        }

        void releaseAll() {
            messages.forEach(ByteBuf::release);
        }
    }
}
