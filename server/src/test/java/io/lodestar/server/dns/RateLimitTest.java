package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lodestar.config.Config;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Response rate limiting over real UDP sockets on loopback: a flood from one client gets its rate, then one
 * truncated response in {@code rrlSlip} and silence for the rest, each counted; TCP, other prefixes and the
 * default (off) are not limited; the streak is logged once.
 */
class RateLimitTest {
    private static final int RATE = 5;
    private static final int FLOOD = 40;
    /** How long to wait for replies that should not come. */
    private static final int QUIET_MS = 700;

    private final Logger serverLog = (Logger) LoggerFactory.getLogger(DnsServer.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private DnsServer server;

    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @BeforeEach
    void listen() {
        lines.start();
        serverLog.addAppender(lines);
    }

    @AfterEach
    void stop() {
        serverLog.detachAppender(lines);
        if (server != null) {
            server.close();
        }
    }

    private void start(Config.Builder config) throws IOException {
        Config c = config.build();
        // One event loop: one UDP socket, so the whole rate applies to it.
        server = new DnsServer(c, TestZone.processor(c), 1, true);
        server.start();
    }

    /** Replies to {@code count} queries sent back to back from {@code source}, read until none come for a while. */
    private List<Message> flood(String source, int count) throws IOException {
        List<Message> replies = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(source), 0))) {
            for (int i = 0; i < count; i++) {
                Message q = DnsClient.query(TestZone.WEB, Type.A);
                q.getHeader().setID(i);
                byte[] wire = q.toWire();
                socket.send(new DatagramPacket(wire, wire.length, server.udpAddress()));
            }
            socket.setSoTimeout(QUIET_MS);
            byte[] buf = new byte[2048];
            while (replies.size() < count) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException quiet) {
                    break;
                }
                replies.add(new Message(java.util.Arrays.copyOf(buf, p.getLength())));
            }
        }
        return replies;
    }

    private static long answered(List<Message> replies) {
        return replies.stream().filter(m -> !m.getHeader().getFlag(Flags.TC)
                && m.getSection(Section.ANSWER).size() == 1).count();
    }

    private static long slipped(List<Message> replies) {
        return replies.stream().filter(m -> m.getHeader().getFlag(Flags.TC)
                && m.getSection(Section.ANSWER).isEmpty()).count();
    }

    @Test
    void aFloodFromOneClientGetsItsRateThenOneTruncatedResponseInTwoAndSilence() throws IOException {
        start(TestZone.config().toBuilder().rrlResponsesPerSecond(RATE).rrlSlip(2));
        long start = System.nanoTime();

        List<Message> replies = flood("127.0.0.1", FLOOD);

        double seconds = (System.nanoTime() - start) / 1e9;
        long answered = answered(replies);
        long slipped = slipped(replies);
        assertThat(answered + slipped).as("every reply is an answer or a slip").isEqualTo(replies.size());
        assertThat(answered).as("answers in %.1f s", seconds).isBetween((long) RATE, (long) (RATE * (1 + seconds)) + 1);
        long withheld = FLOOD - answered;
        assertThat(slipped).as("one slip per two withheld").isBetween(withheld / 2 - 1, withheld / 2 + 1);
        DnsCounters c = server.counters();
        await().untilAsserted(() -> assertThat(c.udpQueries()).isEqualTo(FLOOD));
        assertThat(c.rrlSlipped()).isEqualTo(slipped);
        assertThat(c.rrlDropped()).as("every query is answered, slipped or counted as withheld")
                .isEqualTo(FLOOD - answered - slipped);
    }

    @Test
    void tcpAndOtherPrefixesAreNotLimitedAndTheStreakIsLoggedOnce() throws IOException {
        start(TestZone.config().toBuilder().rrlResponsesPerSecond(RATE).rrlSlip(2));
        flood("127.0.0.1", FLOOD);

        assertThat(DnsClient.tcp(server.tcpAddress(), DnsClient.query(TestZone.WEB, Type.A))
                .getSection(Section.ANSWER)).as("TCP after a UDP flood").hasSize(1);
        assertThat(answered(flood("127.0.1.1", RATE))).as("another /24").isEqualTo(RATE);
        flood("127.0.0.1", FLOOD);
        await().until(() -> !lines.list.isEmpty());
        assertThat(lines.list).filteredOn(e -> e.getFormattedMessage().contains("rrlResponsesPerSecond"))
                .as("one line for the whole streak").hasSize(1);
    }

    @Test
    void offByDefault() throws IOException {
        start(TestZone.config().toBuilder());

        List<Message> replies = flood("127.0.0.1", FLOOD);

        assertThat(answered(replies)).isEqualTo(FLOOD);
        assertThat(server.counters().rrlDropped() + server.counters().rrlSlipped()).isZero();
    }
}
