package io.lodestar.server.mesos;

import reactor.core.publisher.Mono;

/**
 * How the cluster state is obtained from the leading master: {@link PollStateSource} fetches {@code /master/state}
 * every {@code refreshSeconds}; {@link StreamStateSource} follows the operator API event stream. (A local state
 * file is served by the serve command's own watcher.) One {@link StateSink#publish} at a time, always.
 */
public interface StateSource {

    /** {@code "poll"} or {@code "stream"}, as in the {@code stateSource} key. */
    String name();

    /**
     * Runs until the subscription is cancelled, delivering states to {@code sink} and reporting failures to it; it
     * retries every failure with backoff and never completes or errors by itself.
     */
    Mono<Void> run(StateSink sink);

    /** Times the source's connection to the master was opened again after it ended, since start; 0 by default. */
    default long reconnects() {
        return 0;
    }
}
