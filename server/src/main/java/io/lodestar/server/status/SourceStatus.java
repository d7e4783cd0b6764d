package io.lodestar.server.status;

import io.lodestar.server.refresh.RefreshStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The condition of the state source at one moment, as the source reports it: what it is, the leading master when
 * known, when the records were last confirmed current, and the failure streak under way, if any.
 *
 * @param source       what the records come from, for people ({@code state file /etc/state.json}, {@code demo state})
 * @param leader       the leading master, or null when unknown
 * @param lastSuccess  when the source last confirmed the records (loaded them, or found them unchanged); null
 *                     before the first success
 * @param failure      why the source fails now, for people; null when it does not
 * @param failingSince when the current failure streak began; null when the source does not fail
 */
public record SourceStatus(String source, String leader, Instant lastSuccess, String failure, Instant failingSince) {

    public SourceStatus {
        Objects.requireNonNull(source, "source");
    }

    /**
     * The status of the live refresh (masters or ZooKeeper): the source is the Mesos master read by {@code poll} or
     * {@code stream}; ZooKeeper being unreachable is named in the failure even while the configured masters still
     * serve state.
     */
    public static SourceStatus of(RefreshStatus s) {
        String failure = s.failing() ? s.failure().name().toLowerCase(Locale.ROOT) + ": " + s.failureMessage() : null;
        if (!s.detectorUp()) {
            failure = failure == null ? "ZooKeeper unreachable" : "ZooKeeper unreachable; " + failure;
        }
        return new SourceStatus("Mesos master (" + s.source() + ")", s.leaderKnown() ? s.leader() : null,
                s.lastSuccess(), failure, s.failingSince());
    }

    /** True while a failure streak is under way. */
    public boolean failing() {
        return failure != null;
    }
}
