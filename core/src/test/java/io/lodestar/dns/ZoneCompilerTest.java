package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.Srv;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Which names the compiler puts in the zone, and what it leaves out. */
class ZoneCompilerTest {

    @Test
    void ownersTheirAncestorsAndTheApexExistNothingOutside() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("a.b.c.mesos.", "1.1.1.1");
        b.addA("d.mesos.", "1.1.1.2");
        b.addA("x.example.com.", "1.1.1.3");
        b.addA("mesos.example.com.", "1.1.1.4");
        RecordSet records = b.build();

        Snapshot snapshot = ZoneCompiler.compile(records, Config.defaults(), 1);

        // a.b.c.mesos., b.c.mesos., c.mesos., d.mesos., mesos.
        assertThat(snapshot.nameCount()).isEqualTo(5);
        assertThat(snapshot.skippedRecords()).isZero();
        assertThat(snapshot.records()).isSameAs(records);
    }

    @Test
    void unservableNamesAndValuesAreSkippedAndCounted() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("x".repeat(64) + ".marathon.mesos.", "1.1.1.1");
        b.addA("host.marathon.mesos.", "agent-7.example.com");
        b.addA("host.marathon.mesos.", "1.1.1.2");
        b.addAaaa("host.marathon.mesos.", "fd00::zz");
        b.addSrv("_host._tcp.marathon.mesos.", new Srv("y".repeat(64) + ".mesos.", 80));
        b.addSrv("_host._tcp.marathon.mesos.", new Srv("host.marathon.mesos.", 70000));
        DnsTester tester = new DnsTester(Config.defaults(), b.build());

        assertThat(tester.holder().current().skippedRecords()).isEqualTo(5);
        Message a = tester.udp(Ask.query("host.marathon.mesos. A"));
        assertThat(a.getSection(Section.ANSWER)).hasSize(1);
        assertThat(tester.udp(Ask.query("host.marathon.mesos. AAAA")).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(tester.udp(Ask.query("_host._tcp.marathon.mesos. SRV")).getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void ownersDifferingOnlyInCaseAreOneName() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("MyTask.marathon.mesos.", "1.1.1.1");
        b.addA("mytask.marathon.mesos.", "1.1.1.1");
        b.addA("mytask.marathon.mesos.", "1.1.1.2");
        DnsTester tester = new DnsTester(Config.defaults(), b.build());

        Message m = tester.udp(Ask.query("MYTASK.marathon.mesos. A"));

        assertThat(m.getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void ipv6ZoneIndexesAreDropped() {
        RecordSet.Builder b = RecordSet.builder();
        b.addAaaa("ns1.mesos.", "fe80::1%eth0");
        DnsTester tester = new DnsTester(Config.defaults(), b.build());

        assertThat(Sections.render(tester.udp(Ask.query("ns1.mesos. AAAA"))))
                .isEqualTo(Sections.canonical("NOERROR qr aa rd ra\n;ANSWER\nns1.mesos. 60 IN AAAA fe80::1"));
    }

    @Test
    void recordsAtTheApexAreServedBesideSoaAndNs() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("mesos.", "10.9.9.9");
        DnsTester tester = new DnsTester(Config.defaults(), b.build());

        assertThat(tester.udp(Ask.query("mesos. A")).getSection(Section.ANSWER)).hasSize(1);
        assertThat(tester.udp(Ask.query("mesos. SOA")).getSection(Section.ANSWER)).hasSize(1);
        assertThat(tester.udp(Ask.query("mesos. ANY")).getSection(Section.ANSWER).get(0).getType())
                .isEqualTo(org.xbill.DNS.Type.A);
    }

    @Test
    void nsHasNoGlueWhenSoaMnameIsOutsideTheZone() {
        RecordSet.Builder b = RecordSet.builder();
        b.addA("ns.example.com.", "192.0.2.53");
        DnsTester tester = new DnsTester(Config.builder().soaMname("ns.example.com").build(), b.build());

        assertThat(Sections.render(tester.udp(Ask.query("mesos. NS"))))
                .isEqualTo(Sections.canonical("NOERROR qr aa rd ra\n;ANSWER\nmesos. 60 IN NS ns.example.com."));
    }

    @Test
    void ptrOwnersAreReverseApexesOtherPtrOwnersAreSkipped() {
        RecordSet.Builder b = RecordSet.builder();
        b.addPtr("1.0.0.10.in-addr.arpa.", "a.mesos.");
        b.addPtr("0.0.10.in-addr.arpa.", "b.mesos.");
        b.addPtr("x.mesos.", "c.mesos.");

        Snapshot snapshot = ZoneCompiler.compile(b.build(), Config.defaults(), 1);

        // mesos. and the one reverse apex; no empty non-terminals above a reverse apex.
        assertThat(snapshot.nameCount()).isEqualTo(2);
        assertThat(snapshot.skippedRecords()).isEqualTo(2);
    }

    @Test
    void reverseZonesOfTheSameLengthShareAnswersUnlessSoaNamesPointIntoThem() {
        RecordSet.Builder b = RecordSet.builder();
        b.addPtr("1.0.0.10.in-addr.arpa.", "a.mesos.");
        b.addPtr("2.0.0.10.in-addr.arpa.", "b.mesos.");
        Config config = Config.builder().soaMname("1.0.0.10.in-addr.arpa").build();
        DnsTester tester = new DnsTester(config, b.build());

        assertThat(Sections.render(tester.udp(Ask.query("x.2.0.0.10.in-addr.arpa. A"))))
                .isEqualTo(Sections.canonical("NXDOMAIN qr aa rd ra\n;AUTHORITY\n2.0.0.10.in-addr.arpa. 60 IN SOA"
                        + " 1.0.0.10.in-addr.arpa. root.ns1.mesos. 1700000000 60 600 86400 60"));
        assertThat(Sections.render(tester.udp(Ask.query("1.0.0.10.in-addr.arpa. NS"))))
                .isEqualTo(Sections.canonical("NOERROR qr aa rd ra\n;ANSWER\n1.0.0.10.in-addr.arpa. 60 IN NS"
                        + " 1.0.0.10.in-addr.arpa."));
    }

    @Test
    void srvWeightComesFromTheConfig() {
        RecordSet.Builder b = RecordSet.builder();
        b.addSrv("_x._tcp.mesos.", new Srv("x.mesos.", 80));
        DnsTester tester = new DnsTester(Config.builder().srvRecordDefaultWeight(7).ttl(5).build(), b.build());

        assertThat(Sections.render(tester.udp(Ask.query("_x._tcp.mesos. SRV"))))
                .isEqualTo(Sections.canonical("NOERROR qr aa rd ra\n;ANSWER\n_x._tcp.mesos. 5 IN SRV 0 7 80 x.mesos."));
    }
}
