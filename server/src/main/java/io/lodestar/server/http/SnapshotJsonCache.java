package io.lodestar.server.http;

import io.lodestar.dns.Snapshot;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One JSON document per snapshot, rendered once, off the event loops, on the first request after the snapshot was
 * published, and shared by every later request until the next snapshot: a poller of {@code /v1/axfr} on a
 * 20,000-task cluster costs a copy of cached bytes, not a serialisation. Keyed by snapshot identity; a snapshot
 * is immutable, so its document never changes.
 */
final class SnapshotJsonCache {

    private record Entry(Snapshot snapshot, Mono<byte[]> json) {
    }

    private final Function<Snapshot, byte[]> render;
    private final Scheduler scheduler;
    private final AtomicReference<Entry> latest = new AtomicReference<>();

    SnapshotJsonCache(Function<Snapshot, byte[]> render, Scheduler scheduler) {
        this.render = render;
        this.scheduler = scheduler;
    }

    /** The document of {@code snapshot}: cached, or rendered on the scheduler by the first subscriber. */
    Mono<byte[]> get(Snapshot snapshot) {
        Entry seen = latest.get();
        if (seen != null && seen.snapshot() == snapshot) {
            return seen.json();
        }
        Entry fresh = new Entry(snapshot, Mono.fromCallable(() -> render.apply(snapshot)).subscribeOn(scheduler).cache());
        Entry witness = latest.compareAndExchange(seen, fresh);
        if (witness != seen && witness != null && witness.snapshot() == snapshot) {
            // Another request for the same snapshot got here first: share its rendering.
            return witness.json();
        }
        return fresh.json();
    }
}
