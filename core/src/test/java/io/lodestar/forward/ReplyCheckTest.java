package io.lodestar.forward;

import static io.lodestar.forward.Messages.buf;
import static io.lodestar.forward.Messages.lowerWire;
import static io.lodestar.forward.Messages.noerror;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ReplyCheckTest {

    private static final byte[] NAME = lowerWire("www.example.com.");

    private static boolean answers(Message reply) {
        return ReplyCheck.answers(buf(reply), NAME, NAME.length, Type.A, DClass.IN);
    }

    @Test
    void aReplyToTheSameQuestionMatchesInAnyCase() {
        assertThat(answers(noerror("www.example.com.", Type.A, "www.example.com. 60 A 192.0.2.1"))).isTrue();
        assertThat(answers(noerror("WwW.ExAmPlE.cOm.", Type.A))).isTrue();
    }

    @Test
    void anotherQuestionDoesNotMatch() {
        assertThat(answers(noerror("www.example.org.", Type.A))).isFalse();
        assertThat(answers(noerror("ww.example.com.", Type.A))).isFalse();
        assertThat(answers(noerror("www.example.com.", Type.AAAA))).isFalse();
        Message chaos = Message.newQuery(org.xbill.DNS.Record.newRecord(Messages.name("www.example.com."), Type.A,
                DClass.CH));
        chaos.getHeader().setFlag(Flags.QR);
        assertThat(answers(chaos)).isFalse();
    }

    @Test
    void aQueryIsNotAReply() {
        Message q = noerror("www.example.com.", Type.A);
        q.getHeader().unsetFlag(Flags.QR);
        assertThat(answers(q)).isFalse();
    }

    @Test
    void anErrorWithoutQuestionMatchesButAnAnswerWithoutQuestionDoesNot() {
        Message formerr = new Message(1);
        formerr.getHeader().setFlag(Flags.QR);
        formerr.getHeader().setRcode(Rcode.FORMERR);
        assertThat(answers(formerr)).isTrue();
        Message empty = new Message(1);
        empty.getHeader().setFlag(Flags.QR);
        assertThat(answers(empty)).isFalse();
    }

    @Test
    void shortOrCutRepliesDoNotMatch() {
        ByteBuf whole = buf(noerror("www.example.com.", Type.A));
        assertThat(ReplyCheck.answers(whole.slice(0, 11), NAME, NAME.length, Type.A, DClass.IN)).isFalse();
        assertThat(ReplyCheck.answers(whole.slice(0, 20), NAME, NAME.length, Type.A, DClass.IN)).isFalse();
    }
}
