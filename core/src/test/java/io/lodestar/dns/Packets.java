package io.lodestar.dns;

import java.io.ByteArrayOutputStream;

/** Hand-made query bytes for malformed-input tests: a header, then whatever follows, byte by byte. */
final class Packets {

    static final int ID = 0x1234;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Packets() {
    }

    /** A header with ID {@link #ID}, the given flags word and counts. */
    static Packets header(int flags, int qd, int an, int ns, int ar) {
        return new Packets().u16(ID).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    }

    /** A query header (RD set) with one question and {@code ar} additional records. */
    static Packets query(int ar) {
        return header(0x0100, 1, 0, 0, ar);
    }

    Packets u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    Packets u16(int v) {
        return u8(v >>> 8, v & 0xFF);
    }

    Packets u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    /** Labels in wire format, then the root byte. */
    Packets name(String... labels) {
        for (String label : labels) {
            u8(label.length());
            for (char c : label.toCharArray()) {
                u8(c);
            }
        }
        return u8(0);
    }

    /** {@code n} labels' worth of bytes, no root byte. */
    Packets label(int length, char fill) {
        u8(length);
        for (int i = 0; i < length; i++) {
            u8(fill);
        }
        return this;
    }

    Packets typeClass(int type, int dclass) {
        return u16(type).u16(dclass);
    }

    /** An OPT record: root owner, payload size, extended rcode/version/flags word, empty or given RDATA. */
    Packets opt(int payload, long ttl, int... rdata) {
        u8(0).u16(41).u16(payload).u32(ttl).u16(rdata.length);
        return u8(rdata);
    }

    /** The question {@code chronos.marathon.mesos. A IN}. */
    Packets chronos() {
        return name("chronos", "marathon", "mesos").typeClass(1, 1);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
