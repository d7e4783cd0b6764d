package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SOARecord;

/** Header flags, the echoed question, owners as pointers to it, and the RFC 2308 negative TTL. */
class HeaderAndQuestionTest {

    private final DnsTester tester = DnsTester.standard();

    @Test
    void idIsEchoed() {
        Message query = Ask.query("chronos.marathon.mesos. A");
        query.getHeader().setID(0xBEEF);

        assertThat(tester.udp(query).getHeader().getID()).isEqualTo(0xBEEF);
    }

    @Test
    void questionIsEchoedByteForByteWithItsCase() {
        byte[] query = Ask.query("ChRoNoS.Marathon.MESOS. A").toWire();
        byte[] response = tester.raw(query, false);

        int questionLength = "ChRoNoS.Marathon.MESOS.".length() + 1 + 4;
        assertThat(Arrays.copyOfRange(response, 12, 12 + questionLength))
                .isEqualTo(Arrays.copyOfRange(query, 12, 12 + questionLength));
    }

    @Test
    void answerOwnersArePointersToTheQuestion() {
        byte[] response = tester.raw(Ask.query("master.mesos. A").toWire(), false);

        int firstAnswer = 12 + "master.mesos.".length() + 1 + 4;
        for (int i = 0; i < 3; i++) {
            int owner = firstAnswer + i * 16;
            assertThat(response[owner] & 0xFF).as("record %d owner", i).isEqualTo(0xC0);
            assertThat(response[owner + 1] & 0xFF).isEqualTo(12);
        }
    }

    @Test
    void negativeAnswersAreAuthoritative() {
        assertThat(tester.udp(Ask.query("missing.mesos. A")).getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(tester.udp(Ask.query("chronos.marathon.mesos. TXT")).getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void recursionAvailableFollowsRecurseOn() {
        DnsTester noRecursion = new DnsTester(Config.builder().recurseOn(false).build(), Fixtures.recordSet());

        Message response = noRecursion.udp(Ask.query("chronos.marathon.mesos. A"));

        assertThat(Sections.status(response)).isEqualTo("NOERROR qr aa rd");
        assertThat(Sections.status(noRecursion.udp(Ask.query("example.com. A")))).isEqualTo("REFUSED qr rd");
    }

    @Test
    void noSnapshotYetIsServfailWithTheQuestion() {
        DnsTester empty = new DnsTester(Fixtures.config(), null);

        Message response = empty.udp(Ask.query("chronos.marathon.mesos. A cd"));

        assertThat(Sections.status(response)).isEqualTo("SERVFAIL qr rd ra cd");
        assertThat(response.getQuestion().getName().toString()).isEqualTo("chronos.marathon.mesos.");
        assertThat(empty.result.outcome()).isEqualTo(QueryResult.Outcome.ANSWERED);
    }

    @Test
    void namesOutsideTheZoneNeedNoSnapshot() {
        DnsTester empty = new DnsTester(Fixtures.config(), null);

        empty.udp(Ask.query("example.com. A"));

        assertThat(empty.result.outcome()).isEqualTo(QueryResult.Outcome.OUTSIDE_ZONE);
    }

    @Test
    void negativeSoaTtlIsTheSmallerOfTtlAndMinimum() {
        DnsTester longTtl = new DnsTester(Config.builder().ttl(120).soaMinttl(30).build(), Fixtures.recordSet());
        DnsTester shortTtl = new DnsTester(Config.builder().ttl(20).soaMinttl(60).build(), Fixtures.recordSet());

        SOARecord negativeLong = authoritySoa(longTtl.udp(Ask.query("missing.mesos. A")));
        SOARecord apexLong = (SOARecord) longTtl.udp(Ask.query("mesos. SOA")).getSection(Section.ANSWER).get(0);
        SOARecord negativeShort = authoritySoa(shortTtl.udp(Ask.query("chronos.marathon.mesos. AAAA")));

        assertThat(negativeLong.getTTL()).isEqualTo(30);
        assertThat(negativeLong.getMinimum()).isEqualTo(30);
        assertThat(apexLong.getTTL()).isEqualTo(120);
        assertThat(apexLong.getMinimum()).as("MINIMUM = SOAMinttl (QUIRK 3)").isEqualTo(30);
        assertThat(negativeShort.getTTL()).isEqualTo(20);
        assertThat(negativeShort.getMinimum()).isEqualTo(60);
    }

    @Test
    void soaFieldsComeFromTheConfig() {
        Config config = Config.builder().soaMname("dns1.mesos").soaRname("admin@example.org").soaRefresh(11)
                .soaRetry(22).soaExpire(33).soaMinttl(44).build();
        DnsTester t = new DnsTester(config, Fixtures.recordSet());

        SOARecord soa = (SOARecord) t.udp(Ask.query("mesos. SOA")).getSection(Section.ANSWER).get(0);

        assertThat(soa.rdataToString()).isEqualTo("dns1.mesos. admin.example.org. 1700000000 11 22 33 44");
    }

    @Test
    void theZoneMayHaveSeveralLabels() {
        Config config = Config.builder().domain("dc1.Example").soaMname("ns1.dc1.example").build();
        io.lodestar.records.RecordSet records = io.lodestar.records.RecordSet.builder()
                .build();
        DnsTester t = new DnsTester(config, records);

        assertThat(t.udp(Ask.query("dc1.example. NS")).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(t.udp(Ask.query("x.dc1.example. A")).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(t.udp(Ask.query("example. A")).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(t.udp(Ask.query("xdc1.example. A")).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    private static SOARecord authoritySoa(Message m) {
        assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
        return (SOARecord) m.getSection(Section.AUTHORITY).get(0);
    }
}
