package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * With {@code reverseLookups} on, Lodestar answers only the reverse names of the addresses it publishes; every other
 * reverse name, even the neighbour of one of ours, still goes to the upstream resolver, over real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReverseForwardingTest {
    private DatagramSocket upstream;
    private Thread upstreamThread;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private DnsServer server;

    @BeforeAll
    void start() throws Exception {
        upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        upstreamThread = new Thread(this::answerEverythingWithUpstreamPtr, "test-upstream");
        upstreamThread.setDaemon(true);
        upstreamThread.start();
        Config config = Config.builder().listener("127.0.0.1").port(0).reverseLookups(true)
                .resolvers(List.of("127.0.0.1:" + upstream.getLocalPort())).build();
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(RecordSet.builder().addA("leader.mesos.", "10.0.0.11")
                .addPtr("11.0.0.10.in-addr.arpa.", "leader.mesos.").build(), config, 1_700_000_000L);
        server = new DnsServer(config, new QueryProcessor(holder, config), 1, false);
        server.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        upstream.close();
    }

    /** The upstream: every query gets one PTR to {@code upstream.example.}. */
    private void answerEverythingWithUpstreamPtr() {
        byte[] buf = new byte[512];
        while (!upstream.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                upstream.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(buf, packet.getLength()));
                Name name = query.getQuestion().getName();
                forwarded.add(name.toString());
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                reply.addRecord(new PTRRecord(name, DClass.IN, 60, Name.fromConstantString("upstream.example.")),
                        Section.ANSWER);
                byte[] wire = reply.toWire();
                upstream.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Test
    void ourAddressIsAnsweredItsNeighbourIsForwarded() throws Exception {
        Message ours = DnsClient.udp(server.udpAddress(), DnsClient.query("11.0.0.10.in-addr.arpa.", Type.PTR));
        Message neighbour = DnsClient.udp(server.udpAddress(), DnsClient.query("12.0.0.10.in-addr.arpa.", Type.PTR));

        assertThat(ours.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(((PTRRecord) ours.getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualTo("leader.mesos.");
        assertThat(neighbour.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(((PTRRecord) neighbour.getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualTo("upstream.example.");
        assertThat(forwarded).containsExactly("12.0.0.10.in-addr.arpa.");
    }
}
