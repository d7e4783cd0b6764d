package io.lodestar.dns;

import io.lodestar.records.RecordSet;

/**
 * One immutable, compiled version of the zone: every name with its precompiled wire answers, the shared negative
 * answers, the SOA serial and the {@link RecordSet} it was compiled from. Built by {@link ZoneCompiler}, published
 * by {@link SnapshotHolder}, read by any number of query threads at once.
 */
public final class Snapshot {

    private final NameTable names;
    private final Answer nxdomain;
    private final Answer nodata;
    private final long serial;
    private final RecordSet records;
    private final int skippedRecords;

    Snapshot(NameTable names, Answer nodata, long serial, RecordSet records, int skippedRecords) {
        this.names = names;
        this.nodata = nodata;
        this.nxdomain = nodata.withRcode(Wire.RCODE_NXDOMAIN);
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

    /** How many names exist in the zone: owners, empty non-terminals and the apex. */
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

    Answer nxdomain() {
        return nxdomain;
    }

    Answer nodata() {
        return nodata;
    }
}
