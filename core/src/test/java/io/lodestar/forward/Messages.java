package io.lodestar.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** dnsjava messages to and from bytes for the forwarding tests. */
final class Messages {

    private Messages() {
    }

    static Name name(String s) {
        try {
            return Name.fromString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Record rr(String text) {
        try {
            String[] f = text.split("\\s+", 4);
            return Record.fromString(name(f[0]), org.xbill.DNS.Type.value(f[2]), DClass.IN, Long.parseLong(f[1]),
                    f[3], Name.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reply to {@code qname}/{@code qtype} with {@code rcode} and the records, each prefixed by its section. */
    static Message reply(String qname, int qtype, int rcode, Object... sectionsAndRecords) {
        Message m = new Message(4242);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RD);
        m.getHeader().setFlag(Flags.RA);
        m.getHeader().setRcode(rcode);
        m.addRecord(Record.newRecord(name(qname), qtype, DClass.IN), Section.QUESTION);
        int section = Section.ANSWER;
        for (Object o : sectionsAndRecords) {
            if (o instanceof Integer s) {
                section = s;
            } else if (o instanceof Record r) {
                m.addRecord(r, section);
            } else {
                m.addRecord(rr((String) o), section);
            }
        }
        return m;
    }

    static Message noerror(String qname, int qtype, Object... records) {
        return reply(qname, qtype, Rcode.NOERROR, records);
    }

    static ByteBuf buf(Message m) {
        return Unpooled.wrappedBuffer(m.toWire());
    }

    static Message parse(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        try {
            return new Message(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] lowerWire(String name) {
        return ZoneTable.toLowerWire(name);
    }
}
