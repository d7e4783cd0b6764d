package io.lodestar.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes one DNS query message (RFC 1035 4.1), optionally with an EDNS OPT record (RFC 6891 6.1.2). */
public final class QueryWire {

    public static final int TYPE_A = 1;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;

    private QueryWire() {
    }

    /** A query with RD set for {@code name} (presentation form), {@code type}, class IN; EDNS when size > 0. */
    public static byte[] query(int id, String name, int type, int ednsSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        u16(out, id);
        u16(out, 0x0100);
        u16(out, 1);
        u16(out, 0);
        u16(out, 0);
        u16(out, ednsSize > 0 ? 1 : 0);
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length);
            out.write(b, 0, b.length);
        }
        out.write(0);
        u16(out, type);
        u16(out, 1);
        if (ednsSize > 0) {
            out.write(0);
            u16(out, 41);
            u16(out, ednsSize);
            u16(out, 0);
            u16(out, 0);
            u16(out, 0);
        }
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v & 0xFF);
    }
}
