package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.Srv;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Size limits (512 without EDNS, min(client, udpMaxResponseSize) with it, 65535 over TCP) and truncation by whole
 * records: a big A RRset of 16-byte records after a 27-byte header and question.
 */
class TruncationTest {

    private static final int A_RECORD = 16;
    private static final int HEAD = 12 + "big.mesos.".length() + 1 + 4;

    private static RecordSet big(int count) {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < count; i++) {
            b.addA("big.mesos.", "10.2." + (i / 256) + "." + (i % 256));
        }
        return b.build();
    }

    private final DnsTester tester = new DnsTester(Fixtures.config(), big(100));

    @Test
    void withoutEdnsUdpAnswersAreCutToWholeRecordsIn512Bytes() {
        byte[] raw = tester.raw(Ask.query("big.mesos. A"), false);
        Message response = DnsTester.parse(raw);

        int fit = (512 - HEAD) / A_RECORD;
        assertThat(raw.length).isLessThanOrEqualTo(512).isGreaterThan(512 - A_RECORD);
        assertThat(response.getSection(Section.ANSWER)).hasSize(fit);
        assertThat(response.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(tester.result.truncated()).isTrue();
    }

    @Test
    void ednsAnswersAreCutAtUdpMaxResponseSize() {
        byte[] raw = tester.raw(Ask.query("big.mesos. A edns=4096"), false);
        Message response = DnsTester.parse(raw);

        int fit = (1232 - HEAD - 11) / A_RECORD;
        assertThat(raw.length).isLessThanOrEqualTo(1232).isGreaterThan(1232 - A_RECORD);
        assertThat(response.getSection(Section.ANSWER)).hasSize(fit);
        assertThat(response.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(response.getOPT()).as("OPT survives truncation").isNotNull();
    }

    @Test
    void aSmallerClientSizeWins() {
        byte[] raw = tester.raw(Ask.query("big.mesos. A edns=1000"), false);

        assertThat(raw.length).isLessThanOrEqualTo(1000).isGreaterThan(1000 - A_RECORD);
        assertThat(DnsTester.parse(raw).getHeader().getFlag(Flags.TC)).isTrue();
    }

    @Test
    void clientSizesBelow512CountAs512() {
        byte[] raw = tester.raw(Ask.query("big.mesos. A edns=100"), false);

        assertThat(raw.length).isLessThanOrEqualTo(512).isGreaterThan(512 - A_RECORD);
    }

    @Test
    void aLargerConfiguredMaximumLetsTheWholeAnswerThrough() {
        DnsTester large = new DnsTester(Config.builder().udpMaxResponseSize(4096).build(), big(100));

        Message response = large.udp(Ask.query("big.mesos. A edns=4096"));

        assertThat(response.getSection(Section.ANSWER)).hasSize(100);
        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(response.getOPT().getPayloadSize()).isEqualTo(4096);
    }

    @Test
    void tcpCarriesTheWholeAnswer() {
        Message response = tester.tcp(Ask.query("big.mesos. A"));

        assertThat(response.getSection(Section.ANSWER)).hasSize(100);
        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tester.result.truncated()).isFalse();
    }

    @Test
    void tcpIsCutAt65535() {
        DnsTester huge = new DnsTester(Fixtures.config(), big(5000));

        byte[] raw = huge.raw(Ask.query("big.mesos. A"), true);
        Message response = DnsTester.parse(raw);

        assertThat(raw.length).isLessThanOrEqualTo(65535).isGreaterThan(65535 - A_RECORD);
        assertThat(response.getSection(Section.ANSWER)).hasSize((65535 - HEAD) / A_RECORD);
        assertThat(response.getHeader().getFlag(Flags.TC)).isTrue();
    }

    @Test
    void withSetTruncateBitOffAnswersAreCutWithoutTc() {
        DnsTester noTc = new DnsTester(Config.builder().setTruncateBit(false).build(), big(100));

        byte[] raw = noTc.raw(Ask.query("big.mesos. A"), false);
        Message response = DnsTester.parse(raw);

        assertThat(raw.length).isLessThanOrEqualTo(512);
        assertThat(response.getSection(Section.ANSWER)).hasSize((512 - HEAD) / A_RECORD);
        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(noTc.result.truncated()).isTrue();
    }

    @Test
    void additionalRecordsThatDoNotFitAreDroppedWithoutTc() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 5; i++) {
            String target = "a-rather-long-task-name-" + i + ".marathon.slave.mesos.";
            b.addSrv("_svc._tcp.marathon.mesos.", new Srv(target, 31000 + i));
            for (int j = 0; j < 3; j++) {
                b.addA(target, "10.3." + i + "." + j);
            }
        }
        DnsTester t = new DnsTester(Fixtures.config(), b.build());

        byte[] udp = t.raw(Ask.query("_svc._tcp.marathon.mesos. SRV"), false);
        Message response = DnsTester.parse(udp);
        Message full = t.tcp(Ask.query("_svc._tcp.marathon.mesos. SRV"));

        assertThat(full.getSection(Section.ADDITIONAL)).hasSize(15);
        assertThat(udp.length).isLessThanOrEqualTo(512);
        assertThat(response.getSection(Section.ANSWER)).hasSize(5);
        assertThat(response.getSection(Section.ADDITIONAL)).hasSizeBetween(1, 14);
        assertThat(udp.length + 16).as("one more glue record would not fit").isGreaterThan(512);
        assertThat(response.getHeader().getFlag(Flags.TC)).as("RFC 2181 9").isFalse();
        assertThat(t.result.truncated()).isFalse();
    }

    @Test
    void srvAnswersCutInTheAnswerSectionLoseAllAdditionalRecords() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < 20; i++) {
            String target = "a-rather-long-task-name-" + i + ".marathon.slave.mesos.";
            b.addSrv("_svc._tcp.marathon.mesos.", new Srv(target, 31000 + i));
            b.addA(target, "10.3.0." + i);
        }
        DnsTester t = new DnsTester(Fixtures.config(), b.build());

        byte[] raw = t.raw(Ask.query("_svc._tcp.marathon.mesos. SRV"), false);
        Message response = DnsTester.parse(raw);

        assertThat(raw.length).isLessThanOrEqualTo(512);
        assertThat(response.getSection(Section.ANSWER)).hasSizeBetween(1, 19);
        assertThat(response.getSection(Section.ADDITIONAL)).isEmpty();
        assertThat(response.getHeader().getFlag(Flags.TC)).isTrue();
    }
}
