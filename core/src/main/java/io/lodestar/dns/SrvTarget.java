package io.lodestar.dns;

/**
 * An SRV target name as written in the record set, encoded once and shared by every SRV value that names it, with
 * what its glue needs.
 */
final class SrvTarget {

    /** What a target adds to the additional section, shared by the spellings of one lowercased name. */
    static final class Glue {
        final byte[] lowerName;
        /** {@link Wire#hash} of {@link #lowerName}. */
        final int hash;
        /** The target's owner when it has addresses, or null. */
        final OwnerRecords owner;
        /** The answer that last listed this target's glue, to list each target once per answer. */
        int listedIn;
        /** The targets that are proper suffixes of this one, once looked for. */
        Glue[] suffixes;

        Glue(byte[] lowerName, int hash, OwnerRecords owner) {
            this.lowerName = lowerName;
            this.hash = hash;
            this.owner = owner;
        }
    }

    final byte[] wire;
    final int hash;
    final Glue glue;

    SrvTarget(byte[] wire, Glue glue) {
        this.wire = wire;
        this.hash = glue.hash; // equal wires have equal lowercased names
        this.glue = glue;
    }
}
