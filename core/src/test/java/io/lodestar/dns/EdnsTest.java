package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** EDNS(0) is honoured (QUIRK 1): OPT echoed with our size, the DO bit copied, BADVERS for other versions. */
class EdnsTest {

    private final DnsTester tester = DnsTester.standard();

    @Test
    void optIsAnsweredWithOurPayloadSizeAndVersionZero() {
        Message response = tester.udp(Ask.query("chronos.marathon.mesos. A edns=4096"));

        OPTRecord opt = response.getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getVersion()).isZero();
        assertThat(opt.getExtendedRcode()).isZero();
        assertThat(opt.getFlags()).isZero();
        assertThat(response.getSection(Section.ADDITIONAL)).containsExactly(opt);
        assertThat(tester.result.query().edns()).isTrue();
        assertThat(tester.result.query().ednsUdpSize()).isEqualTo(4096);
    }

    @Test
    void doBitIsCopied() {
        Message response = tester.udp(Ask.query("chronos.marathon.mesos. A edns=1232 do"));

        assertThat(response.getOPT().getFlags()).isEqualTo(ExtendedFlags.DO);
        assertThat(tester.result.query().dnssecOk()).isTrue();
    }

    @Test
    void noOptWithoutEdns() {
        Message response = tester.udp(Ask.query("chronos.marathon.mesos. A"));

        assertThat(response.getOPT()).isNull();
        assertThat(response.getHeader().getCount(Section.ADDITIONAL)).isZero();
    }

    @Test
    void optFollowsTheAdditionalRecordsOfAnSrvAnswer() {
        Message response = tester.udp(Ask.query("_web._tcp.marathon.mesos. SRV edns=1232"));

        assertThat(response.getSection(Section.ADDITIONAL)).hasSize(4);
        assertThat(response.getSection(Section.ADDITIONAL).get(3)).isInstanceOf(OPTRecord.class);
    }

    @Test
    void optIsAlsoEchoedOnNegativeAndRefusedAnswers() {
        assertThat(tester.udp(Ask.query("missing.mesos. A edns=1232")).getOPT()).isNotNull();
        assertThat(tester.udp(Ask.query("example.com. A edns=1232")).getOPT()).isNotNull();
        assertThat(new DnsTester(Fixtures.config(), null).udp(Ask.query("x.mesos. A edns=1232")).getOPT())
                .isNotNull();
    }

    @Test
    void unknownVersionIsBadvers() {
        byte[] raw = tester.raw(Ask.query("chronos.marathon.mesos. A edns=1232 version=1"), false);
        Message response = DnsTester.parse(raw);

        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(raw[3] & 0x0F).as("low rcode bits in the header").isZero();
        assertThat(response.getOPT().getExtendedRcode()).isEqualTo(1);
        assertThat(response.getOPT().getVersion()).isZero();
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getQuestion().getName().toString()).isEqualTo("chronos.marathon.mesos.");
        assertThat(tester.result.rcode()).isEqualTo(16);
    }

    @Test
    void badversComesBeforeTheZoneCheck() {
        Message response = tester.udp(Ask.query("example.com. A edns=1232 version=2"));

        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(tester.result.outcome()).isEqualTo(QueryResult.Outcome.ANSWERED);
    }
}
