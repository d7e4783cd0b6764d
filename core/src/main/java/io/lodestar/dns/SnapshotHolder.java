package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;

/**
 * The one reference the query path reads: the current {@link Snapshot}, replaced whole by {@link #publish} with one
 * volatile write. Publishing compiles a new snapshot only when the records changed, so the SOA serial moves only
 * then, and never backwards.
 */
public final class SnapshotHolder {

    private volatile Snapshot current;

    /** The published snapshot, or null before the first publish. Read it once per query. */
    public Snapshot current() {
        return current;
    }

    /** The records of the published snapshot, or null before the first publish (for the HTTP API). */
    public RecordSet records() {
        Snapshot s = current;
        return s == null ? null : s.records();
    }

    /** The SOA serial of the published snapshot, or 0 before the first publish. */
    public long serial() {
        Snapshot s = current;
        return s == null ? 0 : s.serial();
    }

    /**
     * Compiles and publishes {@code records} unless they are the same as the published ones (RecordSet#sameRecords),
     * with serial = max(previous serial + 1, {@code nowEpochSeconds}). Returns whether it published. Refresh path
     * only; concurrent publishers are serialised.
     */
    public synchronized boolean publish(RecordSet records, Config config, long nowEpochSeconds) {
        Snapshot previous = current;
        if (previous != null && previous.records().sameRecords(records)) {
            return false;
        }
        long serial = previous == null ? nowEpochSeconds : Math.max(previous.serial() + 1, nowEpochSeconds);
        current = ZoneCompiler.compile(records, config, serial);
        return true;
    }
}
