package io.lodestar.dns;

import java.util.Arrays;

/**
 * An SRV target name as written in the record set, encoded once and shared by every SRV value that names it, with
 * what its glue needs.
 */
final class SrvTarget {

    /** What a target adds to the additional section, shared by the spellings of one lowercased name. */
    static final class Glue {
        final byte[] lowerName;
        /** The target's owner, or null; looked up once all records are collected. */
        OwnerRecords owner;
        boolean resolved;
        /** The answer that last listed this target's glue, to list each target once per answer. */
        int listedIn;
        /** The targets that are proper suffixes of this one, once looked for. */
        Glue[] suffixes;

        Glue(byte[] lowerName) {
            this.lowerName = lowerName;
        }
    }

    final byte[] wire;
    final int hash;
    final Glue glue;

    SrvTarget(byte[] wire, Glue glue) {
        this.wire = wire;
        this.hash = Arrays.hashCode(wire);
        this.glue = glue;
    }
}
