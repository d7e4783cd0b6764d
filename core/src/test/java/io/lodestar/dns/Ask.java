package io.lodestar.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A query as one line of a test table: {@code name TYPE [CLASS] [norecurse] [cd] [edns=SIZE] [do] [version=N]}. */
final class Ask {

    private Ask() {
    }

    static Message query(String spec) {
        String[] parts = spec.trim().split("\\s+");
        try {
            int dclass = DClass.IN;
            int i = 2;
            if (parts.length > 2 && DClass.value(parts[2]) >= 0) {
                dclass = DClass.value(parts[2]);
                i = 3;
            }
            Message m = Message.newQuery(Record.newRecord(Name.fromString(parts[0]), Type.value(parts[1]), dclass));
            int edns = -1;
            int version = 0;
            int ednsFlags = 0;
            for (; i < parts.length; i++) {
                String p = parts[i];
                if (p.equals("norecurse")) {
                    m.getHeader().unsetFlag(Flags.RD);
                } else if (p.equals("cd")) {
                    m.getHeader().setFlag(Flags.CD);
                } else if (p.startsWith("edns=")) {
                    edns = Integer.parseInt(p.substring(5));
                } else if (p.equals("do")) {
                    ednsFlags |= ExtendedFlags.DO;
                } else if (p.startsWith("version=")) {
                    version = Integer.parseInt(p.substring(8));
                } else {
                    throw new IllegalArgumentException("unknown query option " + p);
                }
            }
            if (edns >= 0) {
                m.addRecord(new OPTRecord(edns, 0, version, ednsFlags), Section.ADDITIONAL);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
