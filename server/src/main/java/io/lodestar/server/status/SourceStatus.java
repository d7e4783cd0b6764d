package io.lodestar.server.status;

import java.time.Instant;
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

    /** True while a failure streak is under way. */
    public boolean failing() {
        return failure != null;
    }
}
