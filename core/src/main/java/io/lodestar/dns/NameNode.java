package io.lodestar.dns;

/**
 * A name that exists in a zone (an owner, an empty non-terminal or an apex) with its precompiled answers by type.
 * Each non-null array holds one or more rotations of the same RRset; a null array means no data of that type
 * (NODATA). An apex node knows its {@link Zone}.
 */
final class NameNode {

    final byte[] name;
    final int hash;
    /** The zone this node is the apex of, or null. */
    final Zone apexOf;
    private final Answer[] a;
    private final Answer[] aaaa;
    private final Answer[] srv;
    private final Answer[] ptr;

    NameNode(byte[] name, Answer[] a, Answer[] aaaa, Answer[] srv, Answer[] ptr, Zone apexOf) {
        this(name, Wire.hash(name, 0, name.length), a, aaaa, srv, ptr, apexOf);
    }

    /** A node whose {@link Wire#hash} is known. */
    NameNode(byte[] name, int hash, Answer[] a, Answer[] aaaa, Answer[] srv, Answer[] ptr, Zone apexOf) {
        this.name = name;
        this.hash = hash;
        this.apexOf = apexOf;
        this.a = a;
        this.aaaa = aaaa;
        this.srv = srv;
        this.ptr = ptr;
    }

    /** An empty non-terminal: exists, holds nothing. */
    static NameNode empty(byte[] name) {
        return new NameNode(name, null, null, null, null, null);
    }

    /** RFC 8482 4.1: ANY is answered with one RRset at the name. */
    private Answer[] any() {
        if (a != null) {
            return a;
        }
        if (aaaa != null) {
            return aaaa;
        }
        if (srv != null) {
            return srv;
        }
        if (ptr != null) {
            return ptr;
        }
        return apexOf == null ? null : apexOf.soa;
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
            case Wire.TYPE_PTR:
                return ptr;
            case Wire.TYPE_SOA:
                return apexOf == null ? null : apexOf.soa;
            case Wire.TYPE_NS:
                return apexOf == null ? null : apexOf.ns;
            case Wire.TYPE_ANY:
                return any();
            default:
                return null;
        }
    }
}
