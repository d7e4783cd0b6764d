package io.lodestar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The response rate limiter's "slip" (BIND RRL): a client over its rate sometimes gets a truncated response
 * instead of silence, with the question echoed and no records, so that a real client retries over TCP.
 */
class SlipResponseTest {
    private final QueryProcessor processor = new DnsTester(Fixtures.config(), Fixtures.recordSet()).processor();
    private final QueryResult result = new QueryResult();

    private byte[] slip(byte[] query) {
        ByteBuf out = Unpooled.buffer();
        processor.slip(Unpooled.wrappedBuffer(query), out, result);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Test
    void aSlipIsTheQuestionWithTcAndNoRecords() {
        byte[] query = Ask.query("_web._tcp.marathon.mesos. SRV edns=1232").toWire();

        Message m = DnsTester.parse(slip(query));

        assertThat(m.getHeader().getID()).isEqualTo(DnsTester.parse(query).getHeader().getID());
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getQuestion().getName().toString()).isEqualTo("_web._tcp.marathon.mesos.");
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
        assertThat(m.getOPT()).as("EDNS answered with EDNS").isNotNull();
        assertThat(result.truncated()).isTrue();
        assertThat(result.outcome()).isEqualTo(QueryResult.Outcome.ANSWERED);
    }

    @Test
    void aSlipIsNoLargerThanTheQuery() {
        byte[] query = Ask.query("big.example.com. ANY").toWire();

        assertThat(slip(query)).hasSize(query.length);
    }

    @Test
    void whatCannotBeReadWholeIsDroppedRatherThanSlipped() {
        byte[] query = Ask.query("web.marathon.mesos. A").toWire();

        assertThat(slip(Arrays.copyOf(query, query.length - 3))).isEmpty();
        assertThat(result.outcome()).isEqualTo(QueryResult.Outcome.DROPPED);
        assertThat(slip(new byte[5])).isEmpty();
    }
}
