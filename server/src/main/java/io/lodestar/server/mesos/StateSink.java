package io.lodestar.server.mesos;

import io.lodestar.mesos.MesosState;
import reactor.core.publisher.Mono;

/** Where a {@link StateSource} delivers: the refresh pipeline, which builds, compiles and publishes the records. */
public interface StateSink {

    /**
     * Builds and publishes the records of {@code state}, served by the leader {@code master} ({@code host:port});
     * completes when they are published (or found unchanged). Never errors: a failure is counted as a failed refresh.
     */
    Mono<Void> publish(MesosState state, String master);

    /** Getting the state failed; the last good records stay in service. */
    void failed(FailureReason reason, String message);
}
