package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.mesos.StateParser;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.testing.ZoneAssert;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * End to end over real sockets: a PTR query and a DC/OS name against the DnsServer serving the beyond.json fixture
 * (core test-jar) with reverse lookups and the DC/OS zones on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeyondZonesServerTest {
    private DnsServer server;
    private InetSocketAddress udp;
    private InetSocketAddress tcp;

    @BeforeAll
    void start() throws Exception {
        Config config = Config.builder().listener("127.0.0.1").port(0)
                .masters(List.of("10.0.0.11:5050", "10.0.0.12:5050")).reverseLookups(true).healthyTasksOnly(true)
                .dcosZones(true).dcosVips(true).externalOn(false).build();
        RecordBuilder builder = new RecordBuilder(config);
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(builder.build(StateParser.parse(ZoneAssert.resourceBytes("/states/beyond.json")),
                BuildContext.of(config.masters())), config, 1_700_000_000L);
        server = new DnsServer(config, new QueryProcessor(holder, config), 1, false);
        server.start();
        udp = server.udpAddress();
        tcp = server.tcpAddress();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            assertThat(server.counters().errors()).as("handler errors").isZero();
        }
    }

    @Test
    void reverseLookupOverUdpAndIpv6OverTcp() throws Exception {
        Message v4 = DnsClient.udp(udp, DnsClient.query("11.0.0.10.in-addr.arpa.", Type.PTR));
        Message v6 = DnsClient.tcp(tcp, DnsClient.query(
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa.", Type.PTR));

        assertThat(v4.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(v4.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(v4.getSection(Section.ANSWER).stream().map(r -> ((PTRRecord) r).getTarget().toString()))
                .containsExactly("leader.mesos.", "master0.mesos.", "marathon.mesos.");
        assertThat(v6.getSection(Section.ANSWER).stream().map(r -> ((PTRRecord) r).getTarget().toString()))
                .containsExactly("app-group-n9woh-s1.marathon.mesos.");
    }

    @Test
    void dcosNameOverUdp() throws Exception {
        Message reply = DnsClient.udp(udp,
                DnsClient.query("app-group.marathon.autoip.dcos.thisdcos.directory.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("9.0.0.1"));
    }

    @Test
    void aReverseNameWeDoNotPublishIsLeftToForwardingWhichIsOffHere() throws Exception {
        Message reply = DnsClient.udp(udp, DnsClient.query("3.0.0.10.in-addr.arpa.", Type.PTR));

        assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
    }
}
