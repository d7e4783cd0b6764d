package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryResult.Outcome;
import io.lodestar.mesos.StateParser;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import io.lodestar.testing.ZoneAssert;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Answers across every zone of one snapshot: the Mesos domain, {@code thisdcos.directory} and the reverse zones of
 * published addresses, for the beyond.json fixture with every feature on (serial 1700000000).
 */
class MultiZoneAnswerTest {

    private static final String SERIAL = " 1700000000 60 600 86400 60";
    private static final String REV = "11.0.0.10.in-addr.arpa.";
    private static final String V6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa.";
    private static final String DCOS_SOA = "thisdcos.directory. 60 IN SOA ns1.mesos. root.ns1.mesos." + SERIAL;

    static Config config() {
        return Config.builder().listener("10.0.0.53").masters(List.of("10.0.0.11:5050", "10.0.0.12:5050"))
                .reverseLookups(true).healthyTasksOnly(true).preferredNetworks(List.of("dcos", "calico"))
                .preferredCidrs(List.of("10.0.1.0/24")).dcosZones(true).dcosVips(true).build();
    }

    static RecordSet records(Config config) {
        try {
            return new RecordBuilder(config).build(
                    StateParser.parse(ZoneAssert.resourceBytes("/states/beyond.json")),
                    BuildContext.of(config.masters()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final DnsTester TESTER = new DnsTester(config(), records(config()));

    static Stream<Arguments> table() {
        return Stream.of(
                // --- reverse zones: one per published address ---
                row("1.0.0.9.in-addr.arpa. PTR", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        1.0.0.9.in-addr.arpa. 60 IN PTR app-group-n9woh-s1.marathon.mesos.
                        """),
                row("1.0.0.9.IN-ADDR.Arpa. PTR", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        1.0.0.9.IN-ADDR.Arpa. 60 IN PTR app-group-n9woh-s1.marathon.mesos.
                        """),
                row(V6 + " PTR", "NOERROR qr aa rd ra\n;ANSWER\n" + V6
                        + " 60 IN PTR app-group-n9woh-s1.marathon.mesos."),
                // ANY over UDP: the first record of the PTR RRset, the canonical name (RFC 8482 4.1).
                row(REV + " ANY", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        11.0.0.10.in-addr.arpa. 60 IN PTR leader.mesos.
                        """),
                row(REV + " SOA", "NOERROR qr aa rd ra\n;ANSWER\n" + REV + " 60 IN SOA ns1.mesos. root.ns1.mesos."
                        + SERIAL),
                row(REV + " NS", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        11.0.0.10.in-addr.arpa. 60 IN NS ns1.mesos.
                        ;ADDITIONAL
                        ns1.mesos. 60 IN A 10.0.0.53
                        """),
                // Negative answers carry the reverse zone's own SOA.
                row(REV + " A", "NOERROR qr aa rd ra\n;AUTHORITY\n" + REV + " 60 IN SOA ns1.mesos. root.ns1.mesos."
                        + SERIAL),
                row("x." + REV + " PTR", "NXDOMAIN qr aa rd ra\n;AUTHORITY\n" + REV
                        + " 60 IN SOA ns1.mesos. root.ns1.mesos." + SERIAL),
                row("12.0.0.10.in-addr.arpa. TXT", "NOERROR qr aa rd ra\n;AUTHORITY\n12.0.0.10.in-addr.arpa. 60 IN SOA"
                        + " ns1.mesos. root.ns1.mesos." + SERIAL),
                // --- thisdcos.directory ---
                row("app-group.marathon.autoip.dcos.thisdcos.directory. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        app-group.marathon.autoip.dcos.thisdcos.directory. 60 IN A 9.0.0.1
                        """),
                row("web.marathon.containerip.dcos.thisdcos.directory. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        web.marathon.containerip.dcos.thisdcos.directory. 60 IN A 172.17.0.2
                        """),
                row("_app-group._tcp.marathon.l4lb.thisdcos.directory. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _app-group._tcp.marathon.l4lb.thisdcos.directory. 60 IN SRV 0 1 80 app-group-n9woh-s1.marathon.mesos.
                        ;ADDITIONAL
                        app-group-n9woh-s1.marathon.mesos. 60 IN A 9.0.0.1
                        app-group-n9woh-s1.marathon.mesos. 60 IN AAAA fd00:9::1
                        """),
                row("groupapp.marathon.l4lb.thisdcos.directory. AAAA", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        groupapp.marathon.l4lb.thisdcos.directory. 60 IN AAAA fd00:9::1
                        """),
                row("leader.mesos.thisdcos.directory. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        leader.mesos.thisdcos.directory. 60 IN A 10.0.0.11
                        """),
                row("_cache._tcp.marathon.mesos.thisdcos.directory. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _cache._tcp.marathon.mesos.thisdcos.directory. 60 IN SRV 0 1 6379 cache-k8uyq-s2.marathon.slave.mesos.thisdcos.directory.
                        ;ADDITIONAL
                        cache-k8uyq-s2.marathon.slave.mesos.thisdcos.directory. 60 IN A 10.0.1.2
                        """),
                row("thisdcos.directory. SOA", "NOERROR qr aa rd ra\n;ANSWER\n" + DCOS_SOA),
                row("thisdcos.directory. NS", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        thisdcos.directory. 60 IN NS ns1.mesos.
                        ;ADDITIONAL
                        ns1.mesos. 60 IN A 10.0.0.53
                        """),
                row("dcos.thisdcos.directory. A", "NOERROR qr aa rd ra\n;AUTHORITY\n" + DCOS_SOA),
                // A VIP whose backends all listen on host ports has no direct address: only its SRV name exists.
                row("web.marathon.l4lb.thisdcos.directory. A", "NXDOMAIN qr aa rd ra\n;AUTHORITY\n" + DCOS_SOA),
                row("db.marathon.autoip.dcos.thisdcos.directory. A", "NXDOMAIN qr aa rd ra\n;AUTHORITY\n" + DCOS_SOA),
                // --- the Mesos domain keeps its own SOA ---
                row("db.marathon.mesos. A", "NXDOMAIN qr aa rd ra\n;AUTHORITY\nmesos. 60 IN SOA ns1.mesos."
                        + " root.ns1.mesos." + SERIAL),
                // --- everything else is the forwarder's, neighbours of our addresses included ---
                row("3.0.0.10.in-addr.arpa. PTR", "REFUSED qr rd ra"),
                row("0.0.10.in-addr.arpa. PTR", "REFUSED qr rd ra"),
                row("in-addr.arpa. SOA", "REFUSED qr rd ra"),
                row("2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa. PTR", "REFUSED qr rd ra"),
                row("directory. SOA", "REFUSED qr rd ra"),
                row("xthisdcos.directory. A", "REFUSED qr rd ra"));
    }

    private static Arguments row(String query, String expected) {
        return Arguments.of(query, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answers(String query, String expected) {
        Message response = TESTER.udp(Ask.query(query));

        assertThat(Sections.render(response)).isEqualTo(Sections.canonical(expected));
        assertThat(TESTER.result.outcome())
                .isEqualTo(response.getRcode() == 5 ? Outcome.OUTSIDE_ZONE : Outcome.ANSWERED);
    }

    @Test
    void ptrNamesKeepTheirPriorityOrder() {
        Message response = TESTER.udp(Ask.query("1.1.0.10.in-addr.arpa. PTR"));

        assertThat(response.getSection(Section.ANSWER).stream().map(r -> ((PTRRecord) r).getTarget().toString()))
                .containsExactly("agent-1.example.", "slave.mesos.", "web-bgzy5-s1.marathon.mesos.");
    }

    @Test
    void aPtrAnswerAlwaysFits512BytesWithoutTruncation() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 30; i++) {
            b.addPtr("7.0.0.10.in-addr.arpa.", "task-with-a-rather-long-name-" + i + "-abcde-s1.framework" + i
                    + ".mesos.");
        }
        DnsTester tester = new DnsTester(Config.defaults(), b.build());

        for (String q : List.of("7.0.0.10.in-addr.arpa. PTR", "7.0.0.10.in-addr.arpa. PTR edns=512",
                "7.0.0.10.in-addr.arpa. PTR edns=4096")) {
            byte[] raw = tester.raw(Ask.query(q), false);
            Message m = DnsTester.parse(raw);
            assertThat(raw.length).as(q).isLessThanOrEqualTo(512);
            assertThat(m.getHeader().getFlag(Flags.TC)).as(q).isFalse();
            List<Record> answers = m.getSection(Section.ANSWER);
            assertThat(answers).as(q).hasSizeBetween(4, 29);
            assertThat(((PTRRecord) answers.get(0)).getTarget().toString())
                    .isEqualTo("task-with-a-rather-long-name-0-abcde-s1.framework0.mesos.");
        }
    }

    @Test
    void beforeTheFirstSnapshotForwardZonesAreServfailAndReverseNamesAreForwarded() {
        DnsTester empty = new DnsTester(config(), null);

        empty.udp(Ask.query("leader.dcos.thisdcos.directory. A"));
        assertThat(empty.result.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(empty.result.rcode()).isEqualTo(2);

        empty.udp(Ask.query(REV + " PTR"));
        assertThat(empty.result.outcome()).isEqualTo(Outcome.OUTSIDE_ZONE);
    }

    @Test
    void withTheFeaturesOffThoseNamesAreForwarded() {
        Config off = Config.builder().listener("10.0.0.53").masters(config().masters()).build();
        DnsTester tester = new DnsTester(off, records(off));

        for (String q : List.of(REV + " PTR", "leader.dcos.thisdcos.directory. A", "thisdcos.directory. SOA")) {
            tester.udp(Ask.query(q));
            assertThat(tester.result.outcome()).as(q).isEqualTo(Outcome.OUTSIDE_ZONE);
        }
    }
}
