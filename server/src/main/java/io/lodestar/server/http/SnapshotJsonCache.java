package io.lodestar.server.http;

import io.lodestar.dns.Snapshot;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One JSON document per snapshot, rendered once, off the event loops, on the first request after the snapshot was
 * published, and shared by every later request until the next snapshot: a poller of {@code /v1/axfr} on a
 * 20,000-task cluster costs a copy of cached bytes, not a serialisation. Keyed by snapshot identity; a snapshot
 * is immutable, so its document never changes.
 *
 * <p>The cache holds its snapshot weakly and lets go of it once rendered: a document asked for once must not keep
 * a replaced snapshot (about 100 MB at 20,000 tasks) alive until the next request.
 */
final class SnapshotJsonCache {

    private record Entry(WeakReference<Snapshot> snapshot, Mono<byte[]> json) {
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
        if (seen != null && seen.snapshot().get() == snapshot) {
            return seen.json();
        }
        // Once rendered (cache() keeps the document), nothing here holds the snapshot any more.
        AtomicReference<Snapshot> toRender = new AtomicReference<>(snapshot);
        Mono<byte[]> json = Mono.fromCallable(() -> {
            byte[] document = render.apply(toRender.get());
            toRender.set(null);
            return document;
        }).subscribeOn(scheduler).cache();
        Entry fresh = new Entry(new WeakReference<>(snapshot), json);
        Entry witness = latest.compareAndExchange(seen, fresh);
        if (witness != seen && witness != null && witness.snapshot().get() == snapshot) {
            // Another request for the same snapshot got here first: share its rendering.
            return witness.json();
        }
        return fresh.json();
    }
}
