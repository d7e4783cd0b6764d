package io.lodestar.server.mesos;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The configured {@code masters}, tried in order (spec 3.2); which one leads is learnt from the masters themselves
 * (a 307 redirect, or the {@code leader} field of the state). The list never changes.
 */
public final class StaticMasters implements LeaderDetector {
    private final Masters masters;

    public StaticMasters(List<String> configured) {
        this.masters = Masters.fallback(configured, true, 1);
    }

    @Override
    public void start() {
    }

    @Override
    public boolean detectsLeader() {
        return false;
    }

    @Override
    public Masters current() {
        return masters;
    }

    @Override
    public Flux<Masters> changes() {
        return Mono.just(masters).concatWith(Flux.never());
    }

    @Override
    public void close() {
    }
}
