package io.lodestar.server.status;

import io.lodestar.dns.Snapshot;
import io.lodestar.dns.SnapshotHolder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Decides whether Lodestar is ready to serve: a snapshot is published and its records were confirmed by the state
 * source no longer ago than the staleness limit ({@code readyStalenessSeconds}). Thread-safe; every
 * {@link #check()} reads the snapshot and the source status once.
 */
public final class Readiness {

    /**
     * One verdict.
     *
     * @param ready      true when serving is fine
     * @param reason     why not ready, for people; null when ready
     * @param snapshot   the snapshot the verdict was drawn from, or null before the first
     * @param ageSeconds seconds since the records were last confirmed, or -1 when never
     * @param status     the source status the verdict was drawn from
     */
    public record Report(boolean ready, String reason, Snapshot snapshot, long ageSeconds, SourceStatus status) {
    }

    private final SnapshotHolder holder;
    private final Supplier<SourceStatus> source;
    private final Duration staleness;
    private final Clock clock;

    public Readiness(SnapshotHolder holder, Supplier<SourceStatus> source, Duration staleness, Clock clock) {
        this.holder = holder;
        this.source = source;
        this.staleness = staleness;
        this.clock = clock;
    }

    /** The staleness limit. */
    public Duration staleness() {
        return staleness;
    }

    /** The verdict now. */
    public Report check() {
        Snapshot snapshot = holder.current();
        SourceStatus status = source.get();
        long age = ageSeconds(status);
        if (snapshot == null) {
            return new Report(false, withFailure("no records published yet", status), null, age, status);
        }
        if (age < 0) {
            return new Report(false, withFailure("the records were never confirmed", status), snapshot, age, status);
        }
        if (age > staleness.getSeconds()) {
            String reason = "the records were last confirmed " + age + " s ago, over the " + staleness.getSeconds()
                    + " s limit";
            return new Report(false, withFailure(reason, status), snapshot, age, status);
        }
        return new Report(true, null, snapshot, age, status);
    }

    private long ageSeconds(SourceStatus status) {
        Instant last = status.lastSuccess();
        if (last == null) {
            return -1;
        }
        return Math.max(0, Duration.between(last, clock.instant()).getSeconds());
    }

    private static String withFailure(String reason, SourceStatus status) {
        if (!status.failing()) {
            return reason;
        }
        String since = status.failingSince() == null ? "" : " since " + status.failingSince();
        return reason + "; " + status.source() + " failing" + since + ": " + status.failure();
    }
}
