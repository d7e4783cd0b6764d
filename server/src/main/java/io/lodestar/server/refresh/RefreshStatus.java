package io.lodestar.server.refresh;

import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.Masters;
import java.time.Instant;

/**
 * The refresh path at a glance, for {@code /ready} and the logs: immutable, replaced whole, read without locks.
 *
 * @param source               {@code "poll"} or {@code "stream"}
 * @param leader               the leading master ({@code host:port}) last detected or fetched from; {@code ""}
 *                             when unknown
 * @param detectorUp           false while ZooKeeper cannot be reached
 * @param lastSuccess          when state was last fetched and published (or found unchanged); null before the first
 * @param serial               the SOA serial of the published snapshot; 0 before the first
 * @param failure              why the current failure streak fails, or null when the last attempt succeeded
 * @param failureMessage       the last failure's message, or {@code ""}
 * @param failingSince         when the current failure streak began, or null
 * @param consecutiveFailures  the length of the current failure streak
 */
public record RefreshStatus(
        String source,
        String leader,
        boolean detectorUp,
        Instant lastSuccess,
        long serial,
        FailureReason failure,
        String failureMessage,
        Instant failingSince,
        int consecutiveFailures) {

    static RefreshStatus initial(String source) {
        return new RefreshStatus(source, "", true, null, 0, null, "", null, 0);
    }

    /** True when a leading master is known. */
    public boolean leaderKnown() {
        return !leader.isEmpty();
    }

    /** True once a snapshot has been published. */
    public boolean published() {
        return lastSuccess != null;
    }

    /** True while the last attempt failed (the last good snapshot is served meanwhile). */
    public boolean failing() {
        return failure != null;
    }

    RefreshStatus succeeded(String master, Instant now, long newSerial) {
        return new RefreshStatus(source, master, detectorUp, now, newSerial, null, "", null, 0);
    }

    RefreshStatus failed(FailureReason reason, String message, Instant now) {
        String knownLeader = reason == FailureReason.NO_LEADER ? "" : leader;
        return new RefreshStatus(source, knownLeader, detectorUp, lastSuccess, serial, reason, message,
                failingSince == null ? now : failingSince, consecutiveFailures + 1);
    }

    /** A detector's news: the leader it names (none included), unless it is down (then the last one stays). */
    RefreshStatus detected(Masters masters) {
        return new RefreshStatus(source, masters.detectorUp() ? masters.leader() : leader, masters.detectorUp(),
                lastSuccess, serial, failure, failureMessage, failingSince, consecutiveFailures);
    }
}
