package io.lodestar.server.forward;

import static io.lodestar.server.forward.Forwarding.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.forward.TestUpstream.Mode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A bounded soak: thousands of forwarded queries, UDP and TCP, while each of three upstreams misbehaves in turn
 * (silent, SERVFAIL, spoofed, truncating, slow). Every client gets its answer, and afterwards nothing is left:
 * no query in flight, no pending entry, no extra open file descriptor.
 */
@ExtendWith(ParanoidLeaks.class)
class ForwardingSoakTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Mode[] TROUBLE = {Mode.SILENT, Mode.SERVFAIL, Mode.WRONG_ID, Mode.TRUNCATE_UDP, Mode.SLOW,
        Mode.WRONG_PORT};
    private static final int SOCKETS = 8;
    private static final int PER_SOCKET = 50;
    private static final int TCP_PER_PHASE = 10;
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @Test
    void upstreamsFailingInTurnLeaveNoQueriesSocketsOrDescriptorsBehind() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd to count descriptors");
        List<TestUpstream> upstreams = List.of(new TestUpstream(1, Mode.ANSWER), new TestUpstream(2, Mode.ANSWER),
                new TestUpstream(3, Mode.ANSWER));
        upstreams.forEach(u -> u.delayMillis(TIMEOUT.toMillis() + 100));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long descriptorsWithoutServer = openDescriptors();
        try (Forwarding dns = Forwarding.start(config(TIMEOUT, upstreams.toArray(TestUpstream[]::new)).build())) {
            phase(dns, 0);
            long descriptorsBefore = openDescriptors();
            int answered = 0;
            for (int p = 0; p < 2 * TROUBLE.length && System.nanoTime() < deadline; p++) {
                // Every kind of trouble twice, each time on the upstream tried first (the first healthy one).
                TestUpstream troubled = firstHealthy(dns, upstreams);
                Mode trouble = TROUBLE[p % TROUBLE.length];
                upstreams.forEach(u -> u.mode(u == troubled ? trouble : Mode.ANSWER));
                answered += phase(dns, p + 1);
            }
            upstreams.forEach(u -> u.mode(Mode.ANSWER));
            assertThat(answered).isGreaterThanOrEqualTo(6 * (SOCKETS * PER_SOCKET + TCP_PER_PHASE));

            await().atMost(Duration.ofSeconds(5)).until(() -> dns.counters().inFlight() == 0
                    && dns.forwarder().openExchanges() == 0 && dns.forwarder().pendingEntries() == 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> openDescriptors() <= descriptorsBefore);
            assertThat(dns.counters().forwarded()).isEqualTo(dns.counters().relayed() + dns.counters().failed());
            assertThat(dns.counters().failed()).isZero();
            // Each kind of trouble was met.
            assertThat(dns.counters().attemptTimeouts()).isPositive();
            assertThat(dns.counters().attemptErrorRcodes()).isPositive();
            assertThat(dns.counters().unmatchedReplies()).isPositive();
            assertThat(dns.counters().tcpRetries()).isPositive();
            System.out.printf("forward soak: %d queries in %d phases, %s, descriptors %d before and %d after%n",
                    answered, 2 * TROUBLE.length, dns.counters(), descriptorsBefore, openDescriptors());
        } finally {
            upstreams.forEach(TestUpstream::close);
        }
        // Closing the server closes the forwarder's sockets too (the upstreams' own are closed as well by now).
        await().atMost(Duration.ofSeconds(5)).until(() -> openDescriptors() <= descriptorsWithoutServer);
    }

    private static TestUpstream firstHealthy(Forwarding dns, List<TestUpstream> upstreams) {
        for (Upstream u : dns.forwarder().upstreams()) {
            if (!u.failing()) {
                return upstreams.stream().filter(t -> t.address().equals(u.address())).findFirst().orElseThrow();
            }
        }
        return upstreams.get(0);
    }

    /** {@value #SOCKETS} sockets with {@value #PER_SOCKET} queries each outstanding, plus TCP queries. */
    private static int phase(Forwarding dns, int phase) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        // Per socket: dnsjava's random IDs may repeat across 400 queries, never on one socket here.
        List<Map<Integer, String>> expected = new ArrayList<>();
        int answered = 0;
        try {
            for (int s = 0; s < SOCKETS; s++) {
                DatagramSocket socket = new DatagramSocket();
                socket.setSoTimeout(3000);
                sockets.add(socket);
                Map<Integer, String> names = new HashMap<>();
                expected.add(names);
                for (int q = 0; q < PER_SOCKET; q++) {
                    Message query = DnsClient.query("p" + phase + "-s" + s + "-q" + q + ".example.com.", Type.A);
                    while (names.containsKey(query.getHeader().getID())) {
                        query.getHeader().setID(query.getHeader().getID() + 1 & 0xFFFF);
                    }
                    names.put(query.getHeader().getID(), query.getQuestion().getName().toString());
                    byte[] wire = query.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, dns.udp));
                }
            }
            for (int t = 0; t < TCP_PER_PHASE; t++) {
                Message reply = DnsClient.tcp(dns.tcp, DnsClient.query("tcp" + phase + "-" + t + ".example.", Type.A));
                assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(Forwarding.addresses(reply)).hasSize(1);
                answered++;
            }
            byte[] buf = new byte[65535];
            for (int s = 0; s < SOCKETS; s++) {
                DatagramSocket socket = sockets.get(s);
                for (int q = 0; q < PER_SOCKET; q++) {
                    DatagramPacket packet = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("phase " + phase + ": a query got no reply", e);
                    }
                    Message reply = new Message(java.util.Arrays.copyOf(buf, packet.getLength()));
                    assertThat(reply.getRcode()).as("phase %d", phase).isEqualTo(Rcode.NOERROR);
                    assertThat(reply.getQuestion().getName().toString())
                            .isEqualTo(expected.get(s).remove(reply.getHeader().getID()));
                    if (!reply.getHeader().getFlag(Flags.TC)) {
                        assertThat(Forwarding.addresses(reply)).hasSize(1);
                    }
                    // Else the TCP retry failed (hundreds of connections at once): the client retries over TCP.
                    answered++;
                }
            }
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
        return answered;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
