package io.lodestar.forward;

import static io.lodestar.forward.Messages.buf;
import static io.lodestar.forward.Messages.noerror;
import static io.lodestar.forward.Messages.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RelayTest {

    /** A reply of {@code answers} A records, 2 NS in authority, 2 glue A and an OPT in additional. */
    private static Message big(int answers, boolean withOpt) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            records.add("big.example. 300 A 10.0." + (i / 250) + "." + (i % 250));
        }
        records.add(Section.AUTHORITY);
        records.add("example. 300 NS ns1.example.");
        records.add("example. 300 NS ns2.example.");
        records.add(Section.ADDITIONAL);
        records.add("ns1.example. 300 A 192.0.2.1");
        records.add("ns2.example. 300 A 192.0.2.2");
        Message m = noerror("big.example.", Type.A, records.toArray());
        if (withOpt) {
            m.addRecord(new OPTRecord(4096, 0, 0, Flags.DO), Section.ADDITIONAL);
        }
        return m;
    }

    @Test
    void aReplyThatFitsIsRelayedByteForByteWithTheClientsId() {
        Message reply = big(3, true);
        byte[] wire = reply.toWire();
        ByteBuf out = Unpooled.buffer();
        assertThat(Relay.write(Unpooled.wrappedBuffer(wire), 0xBEEF, 512, true, out)).isEqualTo(Relay.Result.WHOLE);
        byte[] relayed = new byte[out.readableBytes()];
        out.readBytes(relayed);
        assertThat(relayed[0] & 0xFF).isEqualTo(0xBE);
        assertThat(relayed[1] & 0xFF).isEqualTo(0xEF);
        relayed[0] = wire[0];
        relayed[1] = wire[1];
        assertThat(relayed).isEqualTo(wire);
    }

    @Test
    void anUpstreamTcIsKeptOrClearedBySetTruncateBit() {
        Message reply = big(1, false);
        reply.getHeader().setFlag(Flags.TC);
        ByteBuf kept = Unpooled.buffer();
        Relay.write(buf(reply), 1, 512, true, kept);
        assertThat(parse(kept).getHeader().getFlag(Flags.TC)).isTrue();
        ByteBuf cleared = Unpooled.buffer();
        Relay.write(buf(reply), 1, 512, false, cleared);
        assertThat(parse(cleared).getHeader().getFlag(Flags.TC)).isFalse();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {512, 700, 1232, 1500})
    void aLargeReplyIsCutByWholeAnswersWithTcAndKeepsItsOpt(int limit) {
        Message reply = big(120, true);
        ByteBuf in = buf(reply);
        ByteBuf out = Unpooled.buffer();
        assertThat(Relay.write(in, 7, limit, true, out)).isEqualTo(Relay.Result.TRUNCATED);
        assertThat(out.readableBytes()).isLessThanOrEqualTo(limit);
        Message cut = parse(out);
        assertThat(cut.getHeader().getID()).isEqualTo(7);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(cut.getQuestion()).isEqualTo(reply.getQuestion());
        List<org.xbill.DNS.Record> answers = cut.getSection(Section.ANSWER);
        assertThat(answers).isNotEmpty().isEqualTo(reply.getSection(Section.ANSWER).subList(0, answers.size()));
        assertThat(cut.getSection(Section.AUTHORITY)).isEmpty();
        assertThat(cut.getOPT()).isNotNull();
        assertThat(cut.getOPT().getPayloadSize()).isEqualTo(4096);
        assertThat(cut.getOPT().getFlags() & Flags.DO).isNotZero();
        assertThat(cut.getSection(Section.ADDITIONAL)).hasSize(1);
        // The next answer would not have fitted.
        int nextLength = reply.getSection(Section.ANSWER).get(answers.size()).toWire(Section.ANSWER).length;
        assertThat(out.readableBytes() + nextLength).isGreaterThan(limit);
        // Cutting again changes nothing.
        ByteBuf again = Unpooled.buffer();
        Relay.write(out, 7, limit, true, again);
        assertThat(again).isEqualTo(out);
    }

    @Test
    void droppingOnlyAdditionalRecordsCostsNoTc() {
        Message reply = big(10, false);
        int withoutGlue = reply.toWire().length - 2 * 16;
        ByteBuf out = Unpooled.buffer();
        assertThat(Relay.write(buf(reply), 1, withoutGlue + 4, true, out)).isEqualTo(Relay.Result.ADDITIONAL_CUT);
        Message cut = parse(out);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(cut.getSection(Section.ANSWER)).hasSize(10);
        assertThat(cut.getSection(Section.AUTHORITY)).hasSize(2);
        assertThat(cut.getSection(Section.ADDITIONAL)).isEmpty();
    }

    @Test
    void withSetTruncateBitOffACutReplyHasNoTc() {
        ByteBuf out = Unpooled.buffer();
        assertThat(Relay.write(buf(big(120, false)), 1, 512, false, out)).isEqualTo(Relay.Result.TRUNCATED);
        assertThat(parse(out).getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(out.readableBytes()).isLessThanOrEqualTo(512);
    }

    @Test
    void compressionPointersStayValidAfterTheCut() {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add("many.example. 60 CNAME target" + i + ".many.example.");
        }
        Message reply = noerror("many.example.", Type.CNAME, records.toArray());
        ByteBuf out = Unpooled.buffer();
        Relay.write(buf(reply), 1, 512, true, out);
        Message cut = parse(out);
        assertThat(cut.getSection(Section.ANSWER)).isNotEmpty()
                .isEqualTo(reply.getSection(Section.ANSWER).subList(0, cut.getSection(Section.ANSWER).size()));
    }

    @Test
    void aLargeReplyThatCannotBeReadIsMalformed() {
        byte[] garbage = new byte[600];
        garbage[5] = 1;
        garbage[12] = 70;
        ByteBuf out = Unpooled.buffer();
        assertThat(Relay.write(Unpooled.wrappedBuffer(garbage), 1, 512, true, out)).isEqualTo(Relay.Result.MALFORMED);
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void theReplyBufferIsLeftAsItWas() {
        ByteBuf in = buf(big(120, true));
        int reader = in.readerIndex();
        int writer = in.writerIndex();
        Relay.write(in, 9, 512, true, Unpooled.buffer());
        assertThat(in.readerIndex()).isEqualTo(reader);
        assertThat(in.writerIndex()).isEqualTo(writer);
    }

    /** Found by UpstreamReplyFuzzTest: a name pointing into the header would be read from the client's ID. */
    @Test
    void aReplyWhoseNamePointsIntoTheHeaderOrForwardIsNotRelayed() {
        byte[] wire = noerror("leader.mesos.", Type.A, "leader.mesos. 60 A 10.0.0.1").toWire();
        // The answer's owner is a pointer to the question (0xC00C, right after the question): aim it at offset 1.
        int owner = 12 + "leader.mesos.".length() + 1 + 4;
        assertThat(wire[owner] & 0xFF).isEqualTo(0xC0);
        assertThat(Relay.write(Unpooled.wrappedBuffer(wire), 0xBEEF, 512, true, Unpooled.buffer()))
                .isEqualTo(Relay.Result.WHOLE);

        wire[owner + 1] = 1;
        assertThat(Relay.write(Unpooled.wrappedBuffer(wire), 0xBEEF, 512, true, Unpooled.buffer()))
                .isEqualTo(Relay.Result.MALFORMED);
        wire[owner + 1] = (byte) (owner + 2);
        assertThat(Relay.write(Unpooled.wrappedBuffer(wire), 0xBEEF, 512, true, Unpooled.buffer()))
                .as("a pointer forward").isEqualTo(Relay.Result.MALFORMED);
    }
}
