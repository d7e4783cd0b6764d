package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.dns.QueryResult.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;

/**
 * The resolver as a table: query → status line and the records of each section, for the realistic record set of
 * {@link Fixtures} (SERIAL 1700000000, default config: ttl 60, SOAMinttl 60, recurseon, domain mesos).
 */
class AnswerTableTest {

    private static final String SOA = "mesos. 60 IN SOA ns1.mesos. root.ns1.mesos. 1700000000 60 600 86400 60";
    private static final String NXDOMAIN = "NXDOMAIN qr aa rd ra\n;AUTHORITY\n" + SOA;
    private static final String NODATA = "NOERROR qr aa rd ra\n;AUTHORITY\n" + SOA;

    private static final DnsTester TESTER = DnsTester.standard();

    static Stream<Arguments> table() {
        return Stream.of(
                // --- A / AAAA ---
                row("chronos.marathon.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chronos.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("chronos-zinaz-0.marathon.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chronos-zinaz-0.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("chronos.marathon.slave.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chronos.marathon.slave.mesos. 60 IN A 10.0.1.1
                        """),
                row("master.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        master.mesos. 60 IN A 10.0.0.1
                        master.mesos. 60 IN A 10.0.0.2
                        master.mesos. 60 IN A 10.0.0.3
                        """),
                row("web.marathon.mesos. AAAA", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        web.marathon.mesos. 60 IN AAAA fd00::1
                        web.marathon.mesos. 60 IN AAAA fd00::2
                        """),
                row("v6only.marathon.mesos. AAAA", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        v6only.marathon.mesos. 60 IN AAAA 2001:db8::42
                        """),
                // Owners point at the question: its case is kept (RFC 4343), matching is case-insensitive.
                row("cHrOnOs.MARATHON.mesoS. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        cHrOnOs.MARATHON.mesoS. 60 IN A 1.2.3.11
                        """),
                // --- NODATA: the name exists with other types (RFC 2308 2.2) ---
                row("chronos.marathon.mesos. AAAA", NODATA),
                row("v6only.marathon.mesos. A", NODATA),
                row("chronos.marathon.mesos. SRV", NODATA),
                row("chronos.marathon.mesos. TXT", NODATA),
                row("chronos.marathon.mesos. MX", NODATA),
                row("chronos.marathon.mesos. CNAME", NODATA),
                row("_chronos._tcp.marathon.mesos. A", NODATA),
                row("chronos.marathon.mesos. SOA", NODATA),
                row("chronos.marathon.mesos. NS", NODATA),
                // --- empty non-terminals exist (RFC 8020): NODATA, not NXDOMAIN (QUIRK 4) ---
                row("marathon.slave.mesos. A", NODATA),
                row("_tcp.marathon.mesos. SRV", NODATA),
                row("_tcp.marathon.slave.mesos. A", NODATA),
                row("marathon.slave.mesos. ANY", NODATA),
                // --- NXDOMAIN: nothing at or below the name ---
                row("missing.mesos. A", NXDOMAIN),
                row("missing.mesos. AAAA", NXDOMAIN),
                row("missing.mesos. TXT", NXDOMAIN),
                row("missing.mesos. SOA", NXDOMAIN),
                row("missing.mesos. NS", NXDOMAIN),
                row("missing.mesos. ANY", NXDOMAIN),
                row("below.chronos.marathon.mesos. A", NXDOMAIN),
                // SRV for a missing name is NXDOMAIN with SOA like any other type (QUIRK 4).
                row("_nothing._tcp.marathon.mesos. SRV", NXDOMAIN),
                // --- SRV with the targets' addresses in the additional section ---
                row("_chronos._tcp.marathon.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _chronos._tcp.marathon.mesos. 60 IN SRV 0 1 31364 chronos-zinaz-0.marathon.slave.mesos.
                        _chronos._tcp.marathon.mesos. 60 IN SRV 0 1 31365 chronos-zinaz-0.marathon.slave.mesos.
                        ;ADDITIONAL
                        chronos-zinaz-0.marathon.slave.mesos. 60 IN A 10.0.1.1
                        """),
                row("_web._tcp.marathon.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _web._tcp.marathon.mesos. 60 IN SRV 0 1 31000 web-a1b2c-0.marathon.slave.mesos.
                        _web._tcp.marathon.mesos. 60 IN SRV 0 1 31001 web-d3e4f-1.marathon.slave.mesos.
                        _web._tcp.marathon.mesos. 60 IN SRV 0 1 31002 web-d3e4f-1.marathon.slave.mesos.
                        ;ADDITIONAL
                        web-a1b2c-0.marathon.slave.mesos. 60 IN A 10.0.1.1
                        web-d3e4f-1.marathon.slave.mesos. 60 IN A 10.0.1.2
                        web-d3e4f-1.marathon.slave.mesos. 60 IN AAAA fd00:1::2
                        """),
                row("_leader._tcp.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _leader._tcp.mesos. 60 IN SRV 0 1 5050 leader.mesos.
                        ;ADDITIONAL
                        leader.mesos. 60 IN A 10.0.0.1
                        """),
                row("_slave._tcp.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _slave._tcp.mesos. 60 IN SRV 0 1 5051 slave.mesos.
                        ;ADDITIONAL
                        slave.mesos. 60 IN A 10.0.1.1
                        slave.mesos. 60 IN A 10.0.1.2
                        """),
                // A target without addresses, and one outside the zone: no additional records.
                row("_orphan._udp.marathon.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _orphan._udp.marathon.mesos. 60 IN SRV 0 1 9999 gone.marathon.slave.mesos.
                        """),
                row("_ext._tcp.marathon.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _ext._tcp.marathon.mesos. 60 IN SRV 0 1 5432 db.example.com.
                        """),
                // --- the apex: SOA and NS in the answer section (QUIRK 2), NS glue, NODATA for the rest ---
                row("mesos. SOA", "NOERROR qr aa rd ra\n;ANSWER\n" + SOA),
                row("MESOS. SOA", "NOERROR qr aa rd ra\n;ANSWER\n"
                        + "MESOS. 60 IN SOA ns1.MESOS. root.ns1.MESOS. 1700000000 60 600 86400 60"),
                row("mesos. NS", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        mesos. 60 IN NS ns1.mesos.
                        ;ADDITIONAL
                        ns1.mesos. 60 IN A 10.0.0.53
                        ns1.mesos. 60 IN AAAA fd00::53
                        """),
                row("mesos. A", NODATA),
                row("mesos. AAAA", NODATA),
                row("mesos. SRV", NODATA),
                row("mesos. TXT", NODATA),
                // --- ANY: one RRset (RFC 8482 4.1), A before AAAA before SRV; SOA at the apex; over UDP only its
                // first record and no additional records (AnyQueryTest has the multi-record cases) ---
                row("v6only.marathon.mesos. ANY", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        v6only.marathon.mesos. 60 IN AAAA 2001:db8::42
                        """),
                row("_leader._udp.mesos. ANY", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _leader._udp.mesos. 60 IN SRV 0 1 5050 leader.mesos.
                        """),
                row("mesos. ANY", "NOERROR qr aa rd ra\n;ANSWER\n" + SOA),
                // --- `.*` is removed before the lookup (spec 8.3, QUIRK 15); owners stay the question ---
                row("chronos.*.marathon.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chronos.*.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("_web._tcp.*.marathon.mesos. SRV", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        _web._tcp.*.marathon.mesos. 60 IN SRV 0 1 31000 web-a1b2c-0.marathon.slave.mesos.
                        _web._tcp.*.marathon.mesos. 60 IN SRV 0 1 31001 web-d3e4f-1.marathon.slave.mesos.
                        _web._tcp.*.marathon.mesos. 60 IN SRV 0 1 31002 web-d3e4f-1.marathon.slave.mesos.
                        ;ADDITIONAL
                        web-a1b2c-0.marathon.slave.mesos. 60 IN A 10.0.1.1
                        web-d3e4f-1.marathon.slave.mesos. 60 IN A 10.0.1.2
                        web-d3e4f-1.marathon.slave.mesos. 60 IN AAAA fd00:1::2
                        """),
                row("chro.*nos.marathon.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chro.*nos.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("master.*.*.mesos. A", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        master.*.*.mesos. 60 IN A 10.0.0.1
                        master.*.*.mesos. 60 IN A 10.0.0.2
                        master.*.*.mesos. 60 IN A 10.0.0.3
                        """),
                row("marathon.*.slave.mesos. A", NODATA),
                row("chronos.*.marathon.mesos. AAAA", NODATA),
                // A leading `*.` is not removed, and there are no other wildcards.
                row("*.marathon.mesos. A", NXDOMAIN),
                row("nothing.*.marathon.mesos. A", NXDOMAIN),
                // --- class ANY is answered like IN; zone transfers are refused ---
                row("chronos.marathon.mesos. A ANY", """
                        NOERROR qr aa rd ra
                        ;ANSWER
                        chronos.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("mesos. AXFR", "REFUSED qr rd ra"),
                row("mesos. IXFR", "REFUSED qr rd ra"),
                // --- other classes refused; RD and CD echoed ---
                row("chronos.marathon.mesos. A CH", "REFUSED qr rd ra"),
                row("chronos.marathon.mesos. A HS", "REFUSED qr rd ra"),
                row("chronos.marathon.mesos. A norecurse", """
                        NOERROR qr aa ra
                        ;ANSWER
                        chronos.marathon.mesos. 60 IN A 1.2.3.11
                        """),
                row("missing.mesos. A norecurse cd", "NXDOMAIN qr aa ra cd\n;AUTHORITY\n" + SOA),
                // --- outside the zone: REFUSED here, the forwarder takes over later ---
                row("example.com. A", "REFUSED qr rd ra"),
                row("mesos.example.com. A", "REFUSED qr rd ra"),
                row("xmesos. A", "REFUSED qr rd ra"),
                row(". NS", "REFUSED qr rd ra"));
    }

    private static Arguments row(String query, String expected) {
        return Arguments.of(query, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answers(String query, String expected) {
        Message response = TESTER.udp(Ask.query(query));

        assertThat(Sections.render(response)).isEqualTo(Sections.canonical(expected));
        assertThat(TESTER.result.rcode()).isEqualTo(response.getRcode());
        assertThat(TESTER.result.truncated()).isFalse();
    }

    @Test
    void namesOutsideTheZoneAreLeftToTheForwarder() {
        TESTER.udp(Ask.query("mesos.example.com. A"));

        assertThat(TESTER.result.outcome()).isEqualTo(Outcome.OUTSIDE_ZONE);
        assertThat(TESTER.result.query().lowercaseName()).startsWith(5, 'm', 'e', 's', 'o', 's', 7);
    }

    @Test
    void namesInTheZoneAreAnswered() {
        TESTER.udp(Ask.query("missing.mesos. A"));

        assertThat(TESTER.result.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(TESTER.result.qtype()).isEqualTo(1);
    }
}
