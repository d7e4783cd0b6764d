package io.lodestar.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ErrorReplyTest {

    @Test
    void servfailEchoesIdFlagsQuestionAndEdns() {
        Message query = Message.newQuery(Record.newRecord(Messages.name("WWW.Example.com."), Type.AAAA, DClass.IN));
        query.getHeader().setFlag(Flags.CD);
        query.addRecord(new OPTRecord(4096, 0, 0, Flags.DO), Section.ADDITIONAL);
        ByteBuf out = Unpooled.buffer();
        int questionLength = "WWW.Example.com.".length() + 1 + 4;
        ErrorReply.write(Messages.buf(query), questionLength, Rcode.SERVFAIL, true, 1232, true, out);

        Message reply = Messages.parse(out);
        assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(reply.getQuestion().getName().toString()).isEqualTo("WWW.Example.com.");
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        assertThat(reply.getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(reply.getOPT().getFlags() & Flags.DO).isNotZero();
    }

    @Test
    void noOptWithoutEdns() {
        Message query = Message.newQuery(Record.newRecord(Messages.name("a.example."), Type.A, DClass.IN));
        ByteBuf out = Unpooled.buffer();
        ErrorReply.write(Messages.buf(query), "a.example.".length() + 1 + 4, Rcode.SERVFAIL, false, 0, false, out);
        Message reply = Messages.parse(out);
        assertThat(reply.getOPT()).isNull();
        assertThat(reply.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(reply.getHeader().getCount(Section.ADDITIONAL)).isZero();
    }
}
