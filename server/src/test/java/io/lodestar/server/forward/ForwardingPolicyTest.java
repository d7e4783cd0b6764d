package io.lodestar.server.forward;

import static io.lodestar.server.forward.Forwarding.addresses;
import static io.lodestar.server.forward.Forwarding.assertAnswers;
import static io.lodestar.server.forward.Forwarding.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.forward.TestUpstream.Mode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Which upstream a name goes to, who may use forwarding at all, the in-flight cap, EDNS passthrough, TCP clients,
 * truncation with the TCP retry, and the cache: each as a client sees it.
 */
@ExtendWith(ParanoidLeaks.class)
class ForwardingPolicyTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final long PROMPT_MS = 300;

    private final List<AutoCloseable> open = new ArrayList<>();

    private TestUpstream upstream(int id, Mode mode) throws Exception {
        TestUpstream u = new TestUpstream(id, mode);
        open.add(u);
        return u;
    }

    private Forwarding start(Config config) {
        Forwarding f = Forwarding.start(config);
        open.add(0, f);
        return f;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static Message udp(Forwarding dns, String name, int type) throws Exception {
        return DnsClient.udp(dns.udp, DnsClient.query(name, type));
    }

    @Test
    void aZoneResolverTakesItsZoneOnLabelBoundariesAndTheDefaultTakesTheRest() throws Exception {
        TestUpstream corp = upstream(1, Mode.ANSWER);
        TestUpstream fallback = upstream(2, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, fallback)
                .zoneResolvers(Map.of("corp.example", List.of(corp.entry()))).build());

        assertThat(addresses(udp(dns, "host.corp.example.", Type.A))).containsExactly("192.0.2.1");
        assertThat(addresses(udp(dns, "a.b.CORP.Example.", Type.A))).containsExactly("192.0.2.1");
        assertThat(addresses(udp(dns, "corp.example.", Type.A))).containsExactly("192.0.2.1");
        assertThat(addresses(udp(dns, "xcorp.example.", Type.A))).containsExactly("192.0.2.2");
        assertThat(addresses(udp(dns, "corp.example.org.", Type.A))).containsExactly("192.0.2.2");
        // Our own zone never leaves the server.
        assertThat(addresses(udp(dns, Forwarding.IN_ZONE, Type.A))).containsExactly("10.0.0.1");
        assertThat(corp.received()).hasSize(3);
        assertThat(fallback.received()).hasSize(2);
    }

    @Test
    void withExternalOnFalseEveryNameOutsideTheDomainIsRefused() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).externalOn(false).build());
        Message query = DnsClient.query("www.example.com.", Type.A);
        Timed<Message> reply = Timed.of(() -> DnsClient.udp(dns.udp, query));
        assertAnswers(reply.value(), query);
        assertThat(reply.value().getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(reply.millis()).isLessThan(PROMPT_MS);
        assertThat(DnsClient.tcp(dns.tcp, query).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(dns.server.forwarder()).isNull();
        assertThat(u.received()).isEmpty();
    }

    @Test
    void clientsOutsideAllowRecursionAreRefusedAndOthersForwarded() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding closed = start(config(TIMEOUT, u).allowRecursion(List.of("10.0.0.0/8", "fd00::/8")).build());
        Message query = DnsClient.query("www.example.com.", Type.A);
        assertThat(DnsClient.udp(closed.udp, query).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(DnsClient.tcp(closed.tcp, query).getRcode()).isEqualTo(Rcode.REFUSED);
        // The cluster domain is answered for everyone.
        assertThat(addresses(udp(closed, Forwarding.IN_ZONE, Type.A))).containsExactly("10.0.0.1");
        assertThat(u.received()).isEmpty();
        assertThat(closed.counters().refused()).isEqualTo(2);

        Forwarding allowed = start(config(TIMEOUT, u).allowRecursion(List.of("127.0.0.1")).build());
        assertThat(addresses(DnsClient.udp(allowed.udp, query))).containsExactly("192.0.2.1");
    }

    @Test
    void pastTheInFlightCapQueriesGetServfailAtOnce() throws Exception {
        TestUpstream silent = upstream(1, Mode.SILENT);
        Forwarding dns = start(config(Duration.ofSeconds(1), silent).forwardMaxInFlight(2).build());
        try (DatagramSocket waiting = new DatagramSocket()) {
            waiting.setSoTimeout(5000);
            for (String name : new String[] {"one.example.", "two.example."}) {
                byte[] wire = DnsClient.query(name, Type.A).toWire();
                waiting.send(new DatagramPacket(wire, wire.length, dns.udp));
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> dns.counters().inFlight() == 2);

            Message third = DnsClient.query("three.example.", Type.A);
            Timed<Message> rejected = Timed.of(() -> DnsClient.udp(dns.udp, third));
            assertAnswers(rejected.value(), third);
            assertThat(rejected.value().getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(rejected.millis()).isLessThan(PROMPT_MS);
            assertThat(dns.counters().capRejected()).isEqualTo(1);
            assertThat(silent.received()).hasSize(2);

            // The two in flight end in SERVFAIL after their timeout, and the cap frees up.
            for (int i = 0; i < 2; i++) {
                byte[] buf = new byte[512];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                waiting.receive(p);
                assertThat(new Message(java.util.Arrays.copyOf(buf, p.getLength())).getRcode())
                        .isEqualTo(Rcode.SERVFAIL);
            }
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> dns.counters().inFlight() == 0);
    }

    @Test
    void ednsAndOtherAdditionalRecordsReachTheUpstreamUnchanged() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).build());
        Message query = DnsClient.query("www.example.com.", Type.A);
        EDNSOption cookie = new GenericEDNSOption(10, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        query.addRecord(new OPTRecord(1400, 0, 0, Flags.DO, List.of(cookie)), Section.ADDITIONAL);
        query.addRecord(new ARecord(Name.fromConstantString("extra.example."), DClass.IN, 5,
                java.net.InetAddress.getByAddress(new byte[] {10, 9, 8, 7})), Section.ADDITIONAL);
        query.getHeader().setFlag(Flags.CD);

        Message reply = DnsClient.udp(dns.udp, query);
        assertAnswers(reply, query);
        assertThat(reply.getOPT()).as("the upstream's OPT, relayed").isNotNull();
        assertThat(reply.getOPT().getPayloadSize()).isEqualTo(4096);

        Message seen = u.received().get(0).message();
        assertThat(seen.getOPT().getPayloadSize()).isEqualTo(1400);
        assertThat(seen.getOPT().getFlags() & Flags.DO).isNotZero();
        assertThat(seen.getOPT().getOptions()).containsExactly(cookie);
        assertThat(seen.getSection(Section.ADDITIONAL)).hasSize(2);
        assertThat(seen.getHeader().getFlag(Flags.CD)).isTrue();
        byte[] sent = query.toWire();
        byte[] received = seen.toWire();
        // Byte for byte the client's message, apart from the ID.
        assertThat(java.util.Arrays.copyOfRange(received, 2, received.length))
                .isEqualTo(java.util.Arrays.copyOfRange(sent, 2, sent.length));
    }

    @Test
    void tcpClientsAreForwardedOverTcpAndMayPipeline() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).build());
        Message query = DnsClient.query("www.example.com.", Type.A);
        Message reply = DnsClient.tcp(dns.tcp, query);
        assertAnswers(reply, query);
        assertThat(addresses(reply)).containsExactly("192.0.2.1");
        assertThat(u.received()).singleElement().satisfies(r -> assertThat(r.tcp()).isTrue());

        List<Message> queries = List.of(DnsClient.query("a.example.com.", Type.A),
                DnsClient.query(Forwarding.IN_ZONE, Type.A), DnsClient.query("nx.example.com.", Type.A));
        List<Message> replies = DnsClient.tcpPipelined(dns.tcp, queries);
        Map<Integer, Message> byId = new java.util.HashMap<>();
        replies.forEach(r -> byId.put(r.getHeader().getID(), r));
        assertThat(byId).hasSize(3);
        assertThat(addresses(byId.get(queries.get(0).getHeader().getID()))).containsExactly("192.0.2.1");
        assertThat(addresses(byId.get(queries.get(1).getHeader().getID()))).containsExactly("10.0.0.1");
        assertThat(byId.get(queries.get(2).getHeader().getID()).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aTcpClientThatStopsSendingStillGetsItsForwardedAnswerBeforeTheClose() throws Exception {
        TestUpstream u = upstream(1, Mode.SLOW);
        u.delayMillis(100);
        Forwarding dns = start(config(TIMEOUT, u).build());
        Message query = DnsClient.query("www.example.com.", Type.A);
        try (java.net.Socket socket = DnsClient.connect(dns.tcp)) {
            DnsClient.writeFramed(socket, query);
            socket.shutdownOutput();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            Message reply = DnsClient.readFrame(in);
            assertAnswers(reply, query);
            assertThat(addresses(reply)).containsExactly("192.0.2.1");
            assertThat(in.read()).as("closed after the last answer").isEqualTo(-1);
        }
    }

    @Test
    void aTcpClientGoneBeforeItsForwardedAnswerCostsNothing() throws Exception {
        TestUpstream u = upstream(1, Mode.SILENT);
        Forwarding dns = start(config(Duration.ofMillis(200), u).build());
        try (java.net.Socket socket = DnsClient.connect(dns.tcp)) {
            DnsClient.writeFramed(socket, DnsClient.query("www.example.com.", Type.A));
            await().atMost(Duration.ofSeconds(2)).until(() -> u.received().size() == 1);
        }
        // The SERVFAIL after the timeout meets a closed connection: dropped, not an error (checked at close).
        await().atMost(Duration.ofSeconds(2)).until(() -> dns.counters().failed() == 1
                && dns.counters().inFlight() == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> dns.server.openTcpConnections() == 0);
    }

    @Test
    void closingTheServerWithQueriesInFlightReleasesThem() throws Exception {
        TestUpstream u = upstream(1, Mode.SILENT);
        Forwarding dns = Forwarding.start(config(Duration.ofSeconds(10), u).build());
        try (DatagramSocket client = new DatagramSocket();
             java.net.Socket tcpClient = DnsClient.connect(dns.tcp)) {
            for (int i = 0; i < 20; i++) {
                byte[] wire = DnsClient.query("q" + i + ".example.", Type.A).toWire();
                client.send(new DatagramPacket(wire, wire.length, dns.udp));
            }
            DnsClient.writeFramed(tcpClient, DnsClient.query("tcp.example.", Type.A));
            await().atMost(Duration.ofSeconds(2)).until(() -> dns.counters().inFlight() == 21);
            Timed<Void> closing = Timed.of(() -> {
                dns.close();
                return null;
            });
            assertThat(closing.millis()).isLessThan(5000);
        }
        // Their buffers were released (ParanoidLeaks checks), and their count with them.
        assertThat(dns.counters().inFlight()).isZero();
    }

    @Test
    void aTruncatedUdpReplyIsRetriedOverTcpAndCutToTheClientsLimit() throws Exception {
        TestUpstream u = upstream(1, Mode.TRUNCATE_UDP);
        Forwarding dns = start(config(TIMEOUT, u).udpMaxResponseSize(4096).build());

        byte[] plain = DnsClient.udp(dns.udp, DnsClient.query("big.example.com.", Type.A).toWire());
        Message cut = new Message(plain);
        assertThat(plain.length).isLessThanOrEqualTo(512);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        int fitting = (512 - 12 - ("big.example.com.".length() + 1 + 4)) / 16;
        assertThat(cut.getSection(Section.ANSWER)).hasSize(fitting);

        byte[] edns = DnsClient.udp(dns.udp, DnsClient.ednsQuery("big.example.com.", Type.A, 1232).toWire());
        Message larger = new Message(edns);
        assertThat(edns.length).isLessThanOrEqualTo(1232);
        assertThat(larger.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(larger.getSection(Section.ANSWER).size()).isGreaterThan(fitting);
        assertThat(larger.getOPT()).isNotNull();

        Message whole = DnsClient.udp(dns.udp, DnsClient.ednsQuery("big.example.com.", Type.A, 4096));
        assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(whole.getSection(Section.ANSWER)).hasSize(TestUpstream.BIG_COUNT);

        assertThat(u.received()).filteredOn(TestUpstream.Received::tcp).hasSize(3);
        assertThat(u.received()).filteredOn(r -> !r.tcp()).hasSize(3);
        assertThat(dns.counters().tcpRetries()).isEqualTo(3);
        assertThat(dns.counters().relayedTruncated()).isEqualTo(2);
    }

    @Test
    void aBigAnswerToATcpClientIsRelayedWhole() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).build());
        Message reply = DnsClient.tcp(dns.tcp, DnsClient.query("big.example.com.", Type.A));
        assertThat(reply.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(reply.getSection(Section.ANSWER)).hasSize(TestUpstream.BIG_COUNT);
    }

    @Test
    void theNioTransportForwardsOverUdpAndTcpAndRetriesTruncatedReplies() throws Exception {
        TestUpstream u = upstream(1, Mode.TRUNCATE_UDP);
        Forwarding dns = Forwarding.start(config(TIMEOUT, u).udpMaxResponseSize(4096).build(), false);
        open.add(0, dns);
        assertThat(dns.server.isNative()).isFalse();
        Message udpReply = DnsClient.udp(dns.udp, DnsClient.ednsQuery("big.example.com.", Type.A, 4096));
        assertThat(udpReply.getSection(Section.ANSWER)).hasSize(TestUpstream.BIG_COUNT);
        Message tcpReply = DnsClient.tcp(dns.tcp, DnsClient.query("www.example.com.", Type.A));
        assertThat(addresses(tcpReply)).containsExactly("192.0.2.1");
        assertThat(u.received()).extracting(TestUpstream.Received::tcp).containsExactly(false, true, true);
    }

    @Test
    void ipv6AndIpv4UpstreamsShareTheDualStackSockets() throws Exception {
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        try (DatagramSocket probe = new DatagramSocket(new java.net.InetSocketAddress(v6, 0))) {
            assertThat(probe.getLocalPort()).isPositive();
        } catch (java.net.SocketException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
        }
        TestUpstream six = new TestUpstream(6, Mode.ANSWER, v6);
        open.add(six);
        TestUpstream four = upstream(4, Mode.ANSWER);
        for (boolean nativeTransport : new boolean[] {true, false}) {
            Forwarding dns = Forwarding.start(config(TIMEOUT, six)
                    .zoneResolvers(Map.of("v4.example", List.of(four.entry()))).build(), nativeTransport);
            open.add(0, dns);
            assertThat(addresses(udp(dns, "www.example.com.", Type.A))).containsExactly("192.0.2.6");
            assertThat(addresses(udp(dns, "www.v4.example.", Type.A))).containsExactly("192.0.2.4");
            assertThat(dns.counters().unmatchedReplies()).isZero();
        }
    }

    @Test
    void zoneTransfersAreNotForwarded() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).build());
        assertThat(DnsClient.tcp(dns.tcp, DnsClient.query("example.com.", Type.AXFR)).getRcode())
                .isEqualTo(Rcode.REFUSED);
        assertThat(u.received()).isEmpty();
    }

    @Test
    void theCacheAnswersRepeatsWithinTheTtlIncludingNegativeAnswers() throws Exception {
        TestUpstream u = upstream(1, Mode.ANSWER);
        Forwarding dns = start(config(TIMEOUT, u).forwardCacheEntries(100).build());
        Message firstReply = udp(dns, "www.example.com.", Type.A);
        Message query = DnsClient.query("WWW.example.com.", Type.A);
        Message cached = DnsClient.udp(dns.udp, query);
        assertAnswers(cached, query);
        assertThat(addresses(cached)).isEqualTo(addresses(firstReply));
        assertThat(cached.getSection(Section.ANSWER).get(0).getTTL()).isBetween(59L, 60L);

        assertThat(udp(dns, "nx.example.com.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(udp(dns, "nx.example.com.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        // Another type, or another DO bit, is another entry.
        udp(dns, "www.example.com.", Type.AAAA);
        Message withDo = DnsClient.query("www.example.com.", Type.A);
        withDo.addRecord(new OPTRecord(1232, 0, 0, Flags.DO), Section.ADDITIONAL);
        DnsClient.udp(dns.udp, withDo);

        assertThat(u.received()).hasSize(4);
        assertThat(dns.counters().cacheHits()).isEqualTo(2);
    }
}
