package io.lodestar.dns;

/**
 * DNS wire-format constants (RFC 1035, 6891, 2782, 3596) and the two byte-level helpers that the compiler and the
 * reader must agree on: ASCII lowercasing and the name hash.
 */
final class Wire {

    static final int HEADER_LENGTH = 12;
    /** A name on the wire, length bytes and the root byte included, is at most 255 bytes (RFC 1035 3.1). */
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_LABEL_LENGTH = 63;
    static final int MAX_MESSAGE_LENGTH = 65535;
    /** Without EDNS a UDP message is at most 512 bytes (RFC 1035 4.2.1), and no EDNS size is below it (RFC 6891 6.2.5). */
    static final int MIN_UDP_LENGTH = 512;
    /** An OPT record without options: root owner (1), type, class, TTL, RDLENGTH (RFC 6891 6.1.2). */
    static final int OPT_LENGTH = 11;
    /** Offset of the question name: every answer owner is a pointer to it. */
    static final int QNAME_OFFSET = 12;
    static final int POINTER = 0xC000;
    /** Compression pointers carry 14 bits of offset (RFC 1035 4.1.4). */
    static final int MAX_POINTER_OFFSET = 0x3FFF;

    static final int TYPE_A = 1;
    static final int TYPE_NS = 2;
    static final int TYPE_SOA = 6;
    static final int TYPE_PTR = 12;
    static final int TYPE_AAAA = 28;
    static final int TYPE_SRV = 33;
    static final int TYPE_OPT = 41;
    static final int TYPE_IXFR = 251;
    static final int TYPE_AXFR = 252;
    static final int TYPE_ANY = 255;

    static final int CLASS_IN = 1;
    static final int CLASS_ANY = 255;

    static final int OPCODE_QUERY = 0;

    static final int RCODE_NOERROR = 0;
    static final int RCODE_FORMERR = 1;
    static final int RCODE_SERVFAIL = 2;
    static final int RCODE_NXDOMAIN = 3;
    static final int RCODE_NOTIMP = 4;
    static final int RCODE_REFUSED = 5;
    /** Extended rcode 16: the high 8 bits travel in the OPT TTL (RFC 6891 6.1.3). */
    static final int RCODE_BADVERS = 16;

    static final int FLAG_QR = 0x8000;
    static final int FLAG_AA = 0x0400;
    static final int FLAG_TC = 0x0200;
    static final int FLAG_RD = 0x0100;
    static final int FLAG_RA = 0x0080;
    static final int FLAG_CD = 0x0010;
    static final int OPT_DO = 0x8000;

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    /** ASCII-only lowercasing table: DNS compares names case-insensitively for ASCII letters only (RFC 4343). */
    private static final byte[] LOWER = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + ('a' - 'A') : i);
        }
    }

    private Wire() {
    }

    static byte lower(byte b) {
        return LOWER[b & 0xFF];
    }

    /** The starting value of the incremental name hash. */
    static int hashStart() {
        return FNV_OFFSET;
    }

    /** One step of the incremental name hash (FNV-1a over the lowercased wire bytes). */
    static int hashStep(int h, byte b) {
        return (h ^ (b & 0xFF)) * FNV_PRIME;
    }

    /** The hash of {@code len} bytes of a lowercased wire name; the reader computes the same value incrementally. */
    static int hash(byte[] name, int off, int len) {
        int h = FNV_OFFSET;
        for (int i = off; i < off + len; i++) {
            h = hashStep(h, name[i]);
        }
        return h;
    }

    /** Spreads a hash over the table bits (the murmur3 finaliser): FNV alone clusters on similar names. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
