package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import io.lodestar.dns.Snapshot;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.dns.SyntheticCluster;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /v1/axfr} and {@code /v1/enumerate} are rendered once per snapshot, on the worker, not the event loop, and
 * shared by every request until the next snapshot.
 */
class SnapshotJsonCacheTest {
    private final Scheduler worker = Schedulers.newSingle("test-worker");
    private final AtomicInteger renders = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final SnapshotJsonCache cache = new SnapshotJsonCache(s -> {
        renders.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        return Long.toString(s.serial()).getBytes();
    }, worker);
    private final Config config = Config.defaults();
    private final SnapshotHolder holder = new SnapshotHolder();

    @BeforeEach
    void publish() {
        holder.publish(HttpFixture.records(), config, 100);
    }

    @AfterEach
    void stop() {
        worker.dispose();
    }

    @Test
    void rendersOncePerSnapshotOnTheWorker() {
        Snapshot first = holder.current();

        byte[] a = cache.get(first).block(Duration.ofSeconds(5));
        byte[] b = cache.get(first).block(Duration.ofSeconds(5));

        assertThat(a).isSameAs(b).isEqualTo("100".getBytes());
        assertThat(renders).hasValue(1);
        assertThat(threads).allMatch(t -> t.startsWith("test-worker"));
    }

    @Test
    void aNewSnapshotIsRenderedAgain() {
        cache.get(holder.current()).block(Duration.ofSeconds(5));
        holder.publish(SyntheticCluster.tasks(1, 1), config, 200);

        byte[] again = cache.get(holder.current()).block(Duration.ofSeconds(5));

        assertThat(again).isEqualTo("200".getBytes());
        assertThat(renders).hasValue(2);
    }

    @Test
    void aReplacedSnapshotIsNotKeptAliveByItsCachedDocument() {
        WeakReference<Snapshot> first = new WeakReference<>(holder.current());
        cache.get(holder.current()).block(Duration.ofSeconds(5));
        holder.publish(SyntheticCluster.tasks(1, 1), config, 200); // no request for the new one yet

        await("the replaced snapshot collected").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    System.gc();
                    return first.get() == null;
                });

        assertThat(cache.get(holder.current()).block(Duration.ofSeconds(5))).isEqualTo("200".getBytes());
    }

    @Test
    void aTwentyThousandTaskZoneIsServedFromTheCacheWhileOtherRoutesAnswer() {
        try (HttpFixture http = new HttpFixture()) {
            http.publish(SyntheticCluster.tasks(2000, 10)); // 20,000 tasks

            HttpResponse<String> first = http.get("/v1/axfr");
            HttpResponse<String> health = http.get("/health");
            HttpResponse<String> second = http.get("/v1/axfr");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("\"app1999-").hasSizeGreaterThan(1_000_000);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
