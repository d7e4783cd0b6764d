package io.lodestar.dns;

import io.lodestar.records.RecordSet;

/**
 * One immutable, compiled version of every zone Lodestar serves: every name with its precompiled wire answers, the
 * forward zones (the Mesos domain first) with their negative answers, the reverse zones as apex names in the same
 * table, the SOA serial and the {@link RecordSet} it was compiled from. Built by {@link ZoneCompiler}, published
 * by {@link SnapshotHolder}, read by any number of query threads at once.
 */
public final class Snapshot {

    private final NameTable names;
    private final Zone[] forward;
    private final long serial;
    private final RecordSet records;
    private final int skippedRecords;

    Snapshot(NameTable names, Zone[] forward, long serial, RecordSet records, int skippedRecords) {
        this.names = names;
        this.forward = forward;
        this.serial = serial;
        this.records = records;
        this.skippedRecords = skippedRecords;
    }

    /** The SOA serial of this version (unsigned 32 bits on the wire). */
    public long serial() {
        return serial;
    }

    /** The records this snapshot was compiled from. */
    public RecordSet records() {
        return records;
    }

    /** How many names exist in all zones: owners, empty non-terminals and apexes. */
    public int nameCount() {
        return names.size();
    }

    /** Owners and values left out because they cannot be served (unencodable names, unparsable addresses). */
    public int skippedRecords() {
        return skippedRecords;
    }

    NameNode find(byte[] key, int length, int hash) {
        return names.find(key, length, hash);
    }

    NameNode find(byte[] key, int offset, int length, int hash) {
        return names.find(key, offset, length, hash);
    }

    /** The forward zones, the Mesos domain first. Shared: never change it. */
    Zone[] forwardZones() {
        return forward;
    }
}
