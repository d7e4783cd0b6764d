package io.lodestar.server.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.dns.DnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Test fixture: a real {@link DnsServer} on 127.0.0.1 port 0 (two event loops, epoll where available, under
 * BlockHound) serving one name in {@code mesos.} and forwarding everything else to {@link TestUpstream}s.
 */
final class Forwarding implements AutoCloseable {
    static final String IN_ZONE = "web.marathon.mesos.";

    final DnsServer server;
    final InetSocketAddress udp;
    final InetSocketAddress tcp;

    private Forwarding(Config config, boolean nativeTransport) throws IOException {
        BlockHoundSupport.install();
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(RecordSet.builder().addA(IN_ZONE, "10.0.0.1").build(), config, 1_700_000_000L);
        server = new DnsServer(config, new QueryProcessor(holder, config), 2, nativeTransport);
        server.start();
        udp = server.udpAddress();
        tcp = server.tcpAddress();
    }

    /** A config on 127.0.0.1 port 0 forwarding to {@code upstreams} in order, {@code timeout} per attempt. */
    static Config.Builder config(Duration timeout, TestUpstream... upstreams) {
        return Config.builder().listener("127.0.0.1").port(0)
                .resolvers(java.util.Arrays.stream(upstreams).map(TestUpstream::entry).toList())
                .forwardTimeoutSeconds(timeout.toNanos() / 1e9);
    }

    static Forwarding start(Config config) {
        return start(config, true);
    }

    /** With {@code nativeTransport} false the server (and so the forwarder) runs on NIO, even where epoll works. */
    static Forwarding start(Config config, boolean nativeTransport) {
        try {
            return new Forwarding(config, nativeTransport);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Forwarder forwarder() {
        return server.forwarder();
    }

    ForwarderCounters counters() {
        return server.forwarder().counters();
    }

    /** The addresses of the A records of the answer section. */
    static List<String> addresses(Message reply) {
        return reply.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }

    /** Asserts that {@code reply} answers {@code query}: same ID, same question, QR set. */
    static void assertAnswers(Message reply, Message query) {
        assertThat(reply.getHeader().getID()).as("ID").isEqualTo(query.getHeader().getID());
        assertThat(reply.getQuestion()).as("question").isEqualTo(query.getQuestion());
        assertThat(reply.getHeader().getFlag(org.xbill.DNS.Flags.QR)).as("QR").isTrue();
    }

    /** Closes the server and asserts that no handler failed (a blocking call under BlockHound would count). */
    @Override
    public void close() {
        server.close();
        assertThat(server.counters().errors()).as("DNS handler errors").isZero();
        if (server.forwarder() != null) {
            assertThat(server.forwarder().counters().errors()).as("forwarder socket errors").isZero();
        }
    }
}
