package io.lodestar.server.dns;

import static io.lodestar.server.dns.WireFixtures.WEB_A_QUESTION;
import static io.lodestar.server.dns.WireFixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.server.metrics.QueryStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The UDP handler in an {@link EmbeddedChannel} under PARANOID leak detection: wire fixtures, malformed ones
 * included, each with its exact outcome (a drop or an rcode), then random datagrams; nothing leaks and the channel
 * stays open whatever arrives.
 */
class UdpQueryHandlerTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 53);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final int NOERROR = 0;
    private static final int FORMERR = 1;
    private static final int NOTIMP = 4;
    private static final int REFUSED = 5;
    private static final int DROP = -1;

    private final Config config = TestZone.config();
    private LeakCheck.TrackingAllocator alloc;
    private DnsCounters counters;
    private EmbeddedChannel channel;

    @BeforeAll
    static void paranoid() {
        LeakCheck.paranoid();
    }

    @AfterAll
    static void noLeaks() {
        LeakCheck.assertNoReportedLeaks();
    }

    @BeforeEach
    void setUp() {
        alloc = new LeakCheck.TrackingAllocator();
        counters = new DnsCounters();
        channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new UdpQueryHandler(new QueryAnswerer(TestZone.processor(config), counters, new QueryStats(), 1232)));
    }

    @AfterEach
    void tearDown() {
        assertThat(channel.isOpen()).as("the UDP channel stays open").isTrue();
        channel.finishAndReleaseAll();
        alloc.assertAllReleased();
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("empty datagram", "", DROP),
                Arguments.of("one byte", "ab", DROP),
                Arguments.of("11 bytes: shorter than a header", "1234 0100 0001 0000 0000 00", DROP),
                Arguments.of("a response (QR set)", header(0x1234, 0x8100, 1) + WEB_A_QUESTION, DROP),
                Arguments.of("header only, no question", header(0x1234, 0x0100, 0), FORMERR),
                Arguments.of("qdcount 1 but no question bytes", header(0x1234, 0x0100, 1), FORMERR),
                Arguments.of("label running past the end", header(0x1234, 0x0100, 1) + "3f616263", FORMERR),
                Arguments.of("compression pointer in the question", header(0x1234, 0x0100, 1) + "c00c 0001 0001", FORMERR),
                Arguments.of("question without type and class", header(0x1234, 0x0100, 1) + "03776562 00", FORMERR),
                Arguments.of("bytes after the question", header(0x1234, 0x0100, 1) + WEB_A_QUESTION + "00ff", FORMERR),
                Arguments.of("opcode STATUS", header(0x1234, 0x1100, 1) + WEB_A_QUESTION, NOTIMP),
                Arguments.of("outside the zone", header(0x1234, 0x0100, 1) + "076578616d706c6503636f6d00 0001 0001", REFUSED),
                Arguments.of("web.marathon.mesos. A", header(0x1234, 0x0100, 1) + WEB_A_QUESTION, NOERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void answersEachFixtureExactly(String description, String hex, int expected) {
        channel.writeInbound(datagram(WireFixtures.hex(hex)));

        DatagramPacket reply = channel.readOutbound();
        if (expected == DROP) {
            assertThat(reply).as("no reply").isNull();
            assertThat(counters.dropped()).isEqualTo(1);
            return;
        }
        assertThat(reply).as("a reply").isNotNull();
        try {
            assertThat(reply.recipient()).isEqualTo(CLIENT);
            assertThat(WireFixtures.id(reply.content())).isEqualTo(0x1234);
            assertThat(WireFixtures.isResponse(reply.content())).isTrue();
            assertThat(WireFixtures.rcode(reply.content())).isEqualTo(expected);
            assertThat(counters.malformed()).isEqualTo(expected == FORMERR ? 1 : 0);
        } finally {
            reply.release();
        }
        assertThat(channel.outboundMessages()).isEmpty();
    }

    @Test
    void answersAGoodQueryWithItsRecord() {
        channel.writeInbound(datagram(WireFixtures.hex(header(7, 0x0100, 1) + WEB_A_QUESTION)));

        DatagramPacket reply = channel.readOutbound();
        try {
            assertThat(WireFixtures.answerCount(reply.content())).isEqualTo(1);
            assertThat(counters.answered()).isEqualTo(1);
            assertThat(counters.udpQueries()).isEqualTo(1);
        } finally {
            reply.release();
        }
    }

    @Test
    void survivesRandomDatagrams() {
        Random random = new Random(20261121L);
        int replies = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 12) {
                // Half of them look like a plain query header, so the question and record parsing is exercised.
                bytes[2] = 0x01;
                bytes[3] = 0x00;
                bytes[4] = 0;
                bytes[5] = 1;
            }
            channel.writeInbound(datagram(bytes));
            DatagramPacket reply = channel.readOutbound();
            if (reply == null) {
                assertThat(bytes.length < 12 || (bytes[2] & 0x80) != 0).as("only unanswerable input is dropped").isTrue();
                continue;
            }
            try {
                replies++;
                assertThat(WireFixtures.isResponse(reply.content())).isTrue();
                assertThat(WireFixtures.id(reply.content())).isEqualTo(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
            } finally {
                reply.release();
            }
        }
        assertThat(replies).isPositive();
        assertThat(counters.errors()).isZero();
        assertThat(counters.udpQueries()).isEqualTo(3000);
    }

    @Test
    void releasesWhatIsNotADatagram() {
        ByteBuf stray = alloc.buffer(4).writeInt(1);

        channel.writeInbound(stray);

        assertThat(stray.refCnt()).isZero();
        assertThat(channel.outboundMessages()).isEmpty();
    }

    @Test
    void exceptionsAreCountedAndKeepTheChannelOpen() {
        channel.pipeline().fireExceptionCaught(new java.io.IOException("ICMP port unreachable"));

        assertThat(counters.errors()).isEqualTo(1);
    }

    /** A datagram whose content comes from the tracking allocator, so that a missed release fails the test. */
    private DatagramPacket datagram(byte[] content) {
        return new DatagramPacket(alloc.buffer(content.length).writeBytes(content), SERVER, CLIENT);
    }
}
