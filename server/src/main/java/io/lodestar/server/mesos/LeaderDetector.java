package io.lodestar.server.mesos;

import reactor.core.publisher.Flux;

/**
 * Finds the leading Mesos master: {@link StaticMasters} for a fixed {@code masters} list (the HTTP client then
 * follows the masters' redirects to the leader), {@link ZkLeaderDetector} for the election in ZooKeeper.
 */
public interface LeaderDetector extends AutoCloseable {

    /** Starts detecting; returns at once (detection never blocks the caller). */
    void start();

    /** What is known now; never null. */
    Masters current();

    /** False when the detector only lists masters and the leader is learnt by asking them (static masters). */
    default boolean detectsLeader() {
        return true;
    }

    /** Every new {@link Masters}, the current one first. Never completes while the detector runs. */
    Flux<Masters> changes();

    /** Stops detecting; bounded and idempotent. */
    @Override
    void close();
}
