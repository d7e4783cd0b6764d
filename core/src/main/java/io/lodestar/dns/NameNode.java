package io.lodestar.dns;

/**
 * A name that exists in the zone (an owner, an empty non-terminal or the apex) with its precompiled answers by
 * type. Each non-null array holds one or more rotations of the same RRset; a null array means no data of that type
 * (NODATA).
 */
final class NameNode {

    final byte[] name;
    final int hash;
    private final Answer[] a;
    private final Answer[] aaaa;
    private final Answer[] srv;
    private final Answer[] soa;
    private final Answer[] ns;
    private final Answer[] any;

    NameNode(byte[] name, Answer[] a, Answer[] aaaa, Answer[] srv, Answer[] soa, Answer[] ns) {
        this.name = name;
        this.hash = Wire.hash(name, 0, name.length);
        this.a = a;
        this.aaaa = aaaa;
        this.srv = srv;
        this.soa = soa;
        this.ns = ns;
        // RFC 8482 4.1: answer ANY with one RRset at the name.
        this.any = a != null ? a : aaaa != null ? aaaa : srv != null ? srv : soa;
    }

    /** The rotations of the answer for {@code qtype}, or null when the name has no data of that type. */
    Answer[] answers(int qtype) {
        switch (qtype) {
            case Wire.TYPE_A:
                return a;
            case Wire.TYPE_AAAA:
                return aaaa;
            case Wire.TYPE_SRV:
                return srv;
            case Wire.TYPE_SOA:
                return soa;
            case Wire.TYPE_NS:
                return ns;
            case Wire.TYPE_ANY:
                return any;
            default:
                return null;
        }
    }
}
