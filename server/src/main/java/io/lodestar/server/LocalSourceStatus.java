package io.lodestar.server;

import io.lodestar.records.RecordSet;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.status.SourceStatus;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The condition of a local state source (the state file, or the embedded demo state) for {@code /ready}, the
 * status page and the refresh metrics. A file is the truth while it loads: the records count as confirmed now
 * until a load fails, and as confirmed when the failure streak began after that.
 */
final class LocalSourceStatus {

    /** Why a load failed: the {@code reason} tag of {@code lodestar_refresh_failures_total}. */
    enum Failure {
        /** The file is missing or cannot be read. */
        STATE_FILE_UNREADABLE,
        /** The file was read but is not a usable Mesos state. */
        INVALID_STATE
    }

    private record Streak(String failure, Instant since) {
    }

    private final String source;
    private final String leaderName;
    private final LodestarMetrics metrics;
    private final Clock clock;
    private volatile boolean loaded;
    private volatile String leader;
    private volatile Streak streak;

    /** {@code source} names the source for people; {@code domainFqdn} finds the leader among the records. */
    LocalSourceStatus(String source, String domainFqdn, LodestarMetrics metrics, Clock clock) {
        this.source = source;
        this.leaderName = "leader." + domainFqdn;
        this.metrics = metrics;
        this.clock = clock;
        metrics.registerRefreshFailureReasons(Failure.class);
    }

    /** A load produced {@code records} (published or unchanged) in {@code nanos}. */
    void loaded(RecordSet records, long nanos) {
        metrics.refreshSucceeded(nanos);
        List<String> leaders = records.a().getOrDefault(leaderName, List.of());
        leader = leaders.isEmpty() ? null : leaders.get(0);
        streak = null;
        loaded = true;
    }

    /** A load failed with {@code e}. */
    void failed(Throwable e) {
        boolean unreadable = e instanceof IOException;
        metrics.refreshFailed(unreadable ? Failure.STATE_FILE_UNREADABLE : Failure.INVALID_STATE, 0);
        String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage() == null ? e.toString()
                : e.getMessage();
        Streak current = streak;
        streak = new Streak(why, current == null ? clock.instant() : current.since());
    }

    SourceStatus get() {
        Streak s = streak;
        Instant confirmed = !loaded ? null : s == null ? clock.instant() : s.since();
        return new SourceStatus(source, leader, confirmed, s == null ? null : s.failure(), s == null ? null : s.since());
    }
}
