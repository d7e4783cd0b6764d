package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.records.RecordSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * ANY (RFC 8482): one RRset at the name over TCP, and over UDP just one record of it without additional records,
 * so that a small spoofed query never turns into a large reply at its victim.
 */
class AnyQueryTest {
    private static final int BIG = 200;
    /** An A record with its owner compressed to the question: pointer, type, class, TTL, length, address. */
    private static final int A_RECORD = 16;

    private static DnsTester bigTester() {
        RecordSet.Builder b = RecordSet.builder();
        for (int i = 0; i < BIG; i++) {
            b.addA("big.marathon.mesos.", "10.3." + (i / 256) + "." + (i % 256));
            b.addSrv("_big._tcp.marathon.mesos.",
                    "big-" + i + "-a-very-long-task-name-to-fill-the-reply.marathon.slave.mesos.", 31000 + i);
        }
        return new DnsTester(Fixtures.config(), b.build());
    }

    @Test
    void overUdpAnAnyQueryForAHugeRrsetGetsOneRecordAndNoMoreBytesThanTheQueryPlusThatRecord() {
        DnsTester tester = bigTester();
        Message query = Ask.query("big.marathon.mesos. ANY edns=4096");
        byte[] wire = query.toWire();

        byte[] response = tester.raw(wire, false);

        Message m = DnsTester.parse(response);
        assertThat(m.getSection(Section.ANSWER)).hasSize(1).allSatisfy(r -> assertThat(r.getType()).isEqualTo(Type.A));
        assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
        assertThat(m.getHeader().getFlag(Flags.TC)).as("a complete answer for ANY: no TC").isFalse();
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.length).as("response bytes for a %d-byte query", wire.length)
                .isLessThanOrEqualTo(wire.length + A_RECORD);
        assertThat(tester.result.truncated()).isFalse();
    }

    @Test
    void overUdpAnAnySrvAnswerCarriesNoAdditionalRecords() {
        DnsTester tester = bigTester();
        Message query = Ask.query("_big._tcp.marathon.mesos. ANY edns=4096");

        byte[] response = tester.raw(query.toWire(), false);

        Message m = DnsTester.parse(response);
        assertThat(m.getSection(Section.ANSWER)).hasSize(1)
                .allSatisfy(r -> assertThat(r.getType()).isEqualTo(Type.SRV));
        assertThat(m.getSection(Section.ADDITIONAL)).as("only the OPT").allSatisfy(r ->
                assertThat(r.getType()).isEqualTo(Type.OPT));
        assertThat(response.length).isLessThan(200);
    }

    @Test
    void successiveUdpAnyAnswersRotateThroughTheRrset() {
        DnsTester tester = DnsTester.standard();

        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Record[] answer = tester.udp(Ask.query("web.marathon.mesos. ANY")).getSection(Section.ANSWER)
                    .toArray(Record[]::new);
            assertThat(answer).hasSize(1);
            firsts.add(answer[0].rdataToString());
        }

        assertThat(firsts).containsExactlyInAnyOrder("10.1.0.1", "10.1.0.2", "10.1.0.3");
    }

    @Test
    void overTcpAnyGetsTheWholeRrset() {
        DnsTester tester = DnsTester.standard();

        Message m = tester.tcp(Ask.query("web.marathon.mesos. ANY"));

        assertThat(m.getSection(Section.ANSWER)).extracting(Record::rdataToString)
                .containsExactlyInAnyOrder("10.1.0.1", "10.1.0.2", "10.1.0.3");
    }

    @Test
    void anAnyQueryForAMissingNameIsStillAnNxdomainWithTheSoa() {
        Message m = DnsTester.standard().udp(Ask.query("missing.mesos. ANY"));

        assertThat(m.getRcode()).isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
        assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
    }
}
