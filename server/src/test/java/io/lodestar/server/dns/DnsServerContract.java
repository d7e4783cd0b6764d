package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lodestar.config.Config;
import io.netty.channel.epoll.Epoll;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What the DNS server does over real UDP and TCP sockets on 127.0.0.1, whatever the transport: each subclass runs
 * it on one (epoll, NIO). Replies are decoded with dnsjava as an independent oracle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DnsServerContract {
    static final int THREADS = 2;
    DnsServer server;
    InetSocketAddress udp;
    InetSocketAddress tcp;

    /** True to run on native epoll (skipped where it is unavailable), false for NIO. */
    abstract boolean preferNative();

    @BeforeAll
    void startServer() throws Exception {
        if (preferNative()) {
            assumeTrue(Epoll.isAvailable(), "native epoll is not available here: " + Epoll.unavailabilityCause());
        }
        BlockHoundSupport.install();
        Config config = TestZone.config();
        server = new DnsServer(config, TestZone.processor(config), THREADS, preferNative());
        server.start();
        udp = server.udpAddress();
        tcp = server.tcpAddress();
    }

    @AfterAll
    void stopServer() {
        if (server == null) {
            return;
        }
        server.close();
        // A blocking call on an event loop (BlockHound) or any other handler failure would be counted here.
        assertThat(server.counters().errors()).as("handler errors").isZero();
    }

    @Test
    void reportsTheBoundPortsOfPortZero() {
        assertThat(server.udpPort()).isPositive();
        assertThat(server.tcpPort()).isEqualTo(server.udpPort());
        assertThat(server.isNative()).isEqualTo(preferNative());
        assertThat(server.udpSocketCount()).isEqualTo(preferNative() ? THREADS : 1);
    }

    @Test
    void answersAOverUdp() throws IOException {
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.WEB, Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(reply.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName()).hasToString(TestZone.WEB);
            assertThat(r.getTTL()).isEqualTo(60);
            assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("10.0.0.1");
        });
    }

    @Test
    void answersAaaaOverUdp() throws IOException {
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.V6, Type.AAAA));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((AAAARecord) r).getAddress().getHostAddress()).isEqualTo("fd00:0:0:0:0:0:0:1"));
    }

    @Test
    void answersSrvWithTheTargetsAddressesInAdditional() throws IOException {
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.SRV, Type.SRV));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(SRVRecord.class))
                .extracting(r -> ((SRVRecord) r).getTarget().toString() + ":" + ((SRVRecord) r).getPort())
                .containsExactlyInAnyOrder(TestZone.TARGET_1 + ":31000", TestZone.TARGET_2 + ":31001");
        assertThat(reply.getSection(Section.ADDITIONAL))
                .extracting(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
                .containsExactlyInAnyOrder(TestZone.TARGET_1 + " A 10.0.1.1", TestZone.TARGET_2 + " A 10.0.1.2");
    }

    @Test
    void answersNxdomainWithTheSoa() throws IOException {
        Message reply = DnsClient.udp(udp, DnsClient.query("missing.mesos.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(reply.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void answersNodataWithTheSoa() throws IOException {
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.WEB, Type.AAAA));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(reply.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void truncatesAt512WithoutEdnsThenTcpGivesTheWholeAnswer() throws IOException {
        Message query = DnsClient.query(TestZone.BIG, Type.A);
        byte[] wire = DnsClient.udp(udp, query.toWire());
        Message cut = new Message(wire);

        assertThat(wire.length).isLessThanOrEqualTo(512);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getSection(Section.ANSWER)).hasSizeLessThan(TestZone.BIG_COUNT);

        Message full = DnsClient.tcp(tcp, query);
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(TestZone.BIG_COUNT);
    }

    @Test
    void truncatesAt1232WithEdnsThenTcpGivesTheWholeAnswer() throws IOException {
        Message query = DnsClient.ednsQuery(TestZone.BIG, Type.A, 4096);
        byte[] wire = DnsClient.udp(udp, query.toWire());
        Message cut = new Message(wire);

        assertThat(wire.length).isGreaterThan(512).isLessThanOrEqualTo(1232);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getOPT()).isNotNull();
        assertThat(cut.getSection(Section.ANSWER)).hasSizeLessThan(TestZone.BIG_COUNT);

        Message full = DnsClient.tcp(tcp, query);
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(TestZone.BIG_COUNT);
    }

    @Test
    void answersPipelinedTcpQueriesInOrder() throws IOException {
        List<Message> queries = List.of(
                DnsClient.query(TestZone.WEB, Type.A),
                DnsClient.query(TestZone.BIG, Type.A),
                DnsClient.query("missing.mesos.", Type.A),
                DnsClient.query(TestZone.SRV, Type.SRV),
                DnsClient.query(TestZone.V6, Type.AAAA));

        List<Message> replies = DnsClient.tcpPipelined(tcp, queries);

        assertThat(replies).extracting(m -> m.getHeader().getID())
                .containsExactlyElementsOf(queries.stream().map(m -> m.getHeader().getID()).toList());
        assertThat(replies).extracting(m -> m.getQuestion().getName().toString())
                .containsExactly(TestZone.WEB, TestZone.BIG, "missing.mesos.", TestZone.SRV, TestZone.V6);
        assertThat(replies).extracting(Message::getRcode)
                .containsExactly(Rcode.NOERROR, Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.NOERROR, Rcode.NOERROR);
    }

    @Test
    void rotatesAnswersAcrossQueries() throws IOException {
        Set<String> firstAddresses = new HashSet<>();
        // One socket: the same 4-tuple reaches the same SO_REUSEPORT socket, hence the same rotation counter.
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            for (int i = 0; i < 8; i++) {
                Message reply = exchange(socket, DnsClient.query(TestZone.ROUND_ROBIN, Type.A));
                assertThat(reply.getSection(Section.ANSWER)).hasSize(4);
                firstAddresses.add(reply.getSection(Section.ANSWER).get(0).rdataToString());
            }
        }
        assertThat(firstAddresses).hasSizeGreaterThan(1);
    }

    @Test
    void malformedDatagramsDoNotStopTheUdpSocket() throws IOException {
        long droppedBefore = server.counters().dropped();
        long malformedBefore = server.counters().malformed();
        Random random = new Random(42);
        byte[] noise = new byte[300];
        random.nextBytes(noise);
        noise[2] = 0; // a query (QR clear), opcode QUERY: the reader must reject the rest
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] garbage : List.of(new byte[0], new byte[] {1}, new byte[11], noise)) {
                socket.send(new DatagramPacket(garbage, garbage.length, udp));
            }
        }
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.WEB, Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        await().untilAsserted(() -> {
            assertThat(server.counters().dropped() - droppedBefore).isEqualTo(3);
            assertThat(server.counters().malformed() - malformedBefore).isEqualTo(1);
        });
    }

    @Test
    void aBadTcpFrameClosesOnlyItsConnection() throws IOException {
        try (Socket good = DnsClient.connect(tcp); Socket bad = DnsClient.connect(tcp)) {
            bad.getOutputStream().write(new byte[] {0, 0, 1, 2, 3});
            assertThat(bad.getInputStream().read()).as("the server closes the bad connection").isEqualTo(-1);

            DnsClient.writeFramed(good, DnsClient.query(TestZone.WEB, Type.A));
            Message reply = DnsClient.readFrame(new DataInputStream(good.getInputStream()));
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        }
        Message reply = DnsClient.udp(udp, DnsClient.query(TestZone.WEB, Type.A));
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void answersEveryQueryOfAHalfClosedConnection() throws IOException {
        try (Socket socket = DnsClient.connect(tcp)) {
            socket.getOutputStream().write(DnsClient.framed(List.of(
                    DnsClient.query(TestZone.WEB, Type.A), DnsClient.query(TestZone.BIG, Type.A))));
            socket.shutdownOutput();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            assertThat(DnsClient.readFrame(in).getQuestion().getName()).hasToString(TestZone.WEB);
            assertThat(DnsClient.readFrame(in).getSection(Section.ANSWER)).hasSize(TestZone.BIG_COUNT);
            assertThat(in.read()).as("closed once everything was answered").isEqualTo(-1);
        }
    }

    private Message exchange(DatagramSocket socket, Message query) throws IOException {
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length, udp));
        byte[] buf = new byte[65535];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        socket.receive(reply);
        return new Message(java.util.Arrays.copyOf(buf, reply.getLength()));
    }
}
