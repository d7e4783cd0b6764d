package io.lodestar.dns;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The values found at one owner name while a snapshot is compiled, deduplicated, in record-set order. */
final class OwnerRecords {

    /** An SRV value: target as written (lowercase by RecordSet contract), its lowercased lookup key, port. */
    record Target(ByteBuffer name, ByteBuffer key, int port) {
    }

    /** The owner, lowercased wire format. */
    final byte[] name;
    /** The apex of the zone the owner is in. */
    final byte[] apex;
    final Set<ByteBuffer> a = new LinkedHashSet<>();
    final Set<ByteBuffer> aaaa = new LinkedHashSet<>();
    final Set<Target> srv = new LinkedHashSet<>();
    /** PTR targets in wire format, in priority order. */
    final List<byte[]> ptr = new ArrayList<>();

    OwnerRecords(byte[] name, byte[] apex) {
        this.name = name;
        this.apex = apex;
    }

    boolean isApex() {
        return name.length == apex.length;
    }
}
