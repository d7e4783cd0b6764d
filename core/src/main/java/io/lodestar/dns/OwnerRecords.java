package io.lodestar.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values found at one owner name while a snapshot is compiled, deduplicated, in record-set order. A value list
 * exists once the owner has a value of its type.
 */
final class OwnerRecords {

    /** An SRV value: target and port, equal by the target's bytes as written and the port. */
    record Target(SrvTarget name, int port) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Target other && port == other.port && Arrays.equals(name.wire, other.name.wire);
        }

        @Override
        public int hashCode() {
            return name.hash * 31 + port;
        }
    }

    /** A value list with set semantics: linear checks while it is short, a hash set beside it once it is long. */
    static final class Values<T> {
        private static final int LINEAR = 16;
        final List<T> list = new ArrayList<>(2);
        private Set<T> seen;

        void add(T value) {
            if (seen == null) {
                if (list.contains(value)) {
                    return;
                }
                if (list.size() == LINEAR) {
                    seen = new HashSet<>(list);
                }
            }
            if (seen == null || seen.add(value)) {
                list.add(value);
            }
        }
    }

    /** The owner, lowercased wire format. */
    final byte[] name;
    /** {@link Wire#hash} of {@link #name}. */
    final int hash;
    /** The apex of the zone the owner is in. */
    final byte[] apex;
    AddressList a;
    AddressList aaaa;
    Values<Target> srv;
    /** PTR targets in wire format, in priority order. */
    List<byte[]> ptr;

    OwnerRecords(byte[] name, int hash, byte[] apex) {
        this.name = name;
        this.hash = hash;
        this.apex = apex;
    }

    boolean isApex() {
        return name.length == apex.length;
    }

    AddressList a() {
        return a == null ? a = new AddressList(4) : a;
    }

    AddressList aaaa() {
        return aaaa == null ? aaaa = new AddressList(16) : aaaa;
    }

    Values<Target> srv() {
        return srv == null ? srv = new Values<>() : srv;
    }
}
