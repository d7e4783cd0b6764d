package io.lodestar.server.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The poll loop's timing in virtual time: the period after a success, backoff after failures, leader changes. */
class PollStateSourceTest {
    private static final Duration PERIOD = Duration.ofSeconds(60);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), PERIOD, 0);

    /** What the source delivered, in order: "ok <master>" or "failed <reason>". */
    private static final class Recorder implements StateSink {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> publish(MesosState state, String master) {
            events.add("ok " + master);
            return Mono.empty();
        }

        @Override
        public void failed(FailureReason reason, String message) {
            events.add("failed " + reason);
        }
    }

    /** A detector whose list the test sets. */
    private static final class Detector implements LeaderDetector {
        final Sinks.Many<Masters> sink = Sinks.many().replay().latest();
        volatile Masters current;

        Detector(Masters first) {
            set(first);
        }

        void set(Masters m) {
            current = m;
            sink.tryEmitNext(m);
        }

        @Override
        public void start() {
        }

        @Override
        public Masters current() {
            return current;
        }

        @Override
        public Flux<Masters> changes() {
            return sink.asFlux();
        }

        @Override
        public void close() {
        }
    }

    private static MasterClient.Fetched fetched(String master) {
        try {
            return new MasterClient.Fetched(StateParser.parse(StateJson.leader(master).bytes()), master);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PollStateSource source(LeaderDetector detector, Function<String, Mono<MasterClient.Fetched>> f) {
        return new PollStateSource(detector, f::apply, PERIOD, BACKOFF, Schedulers.parallel(), Schedulers.immediate());
    }

    @Test
    void afterASuccessTheNextRefreshWaitsTheFullPeriod() {
        Recorder sink = new Recorder();
        List<String> asked = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of("m1:5050")), m -> {
                    asked.add(m);
                    return Mono.just(fetched(m));
                }).run(sink))
                .expectSubscription()
                .then(() -> assertThat(sink.events).containsExactly("ok m1:5050"))
                .thenAwait(PERIOD.minusSeconds(1))
                .then(() -> assertThat(sink.events).hasSize(1))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertThat(sink.events).hasSize(2))
                .thenAwait(PERIOD.multipliedBy(3))
                .then(() -> assertThat(sink.events).hasSize(5))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void failuresAreRetriedWithBackoffCappedAtThePeriod() {
        Recorder sink = new Recorder();
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of("m1:5050")),
                        m -> Mono.error(new FetchException(FailureReason.CONNECTION, "refused"))).run(sink))
                .expectSubscription()
                .then(() -> assertThat(sink.events).hasSize(1))
                // retries after 1, 2, 4, 8, 16, 32, then 60, 60 s
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertThat(sink.events).hasSize(2))
                .thenAwait(Duration.ofSeconds(2))
                .then(() -> assertThat(sink.events).hasSize(3))
                .thenAwait(Duration.ofSeconds(4 + 8 + 16 + 32))
                .then(() -> assertThat(sink.events).hasSize(7))
                .thenAwait(Duration.ofSeconds(59))
                .then(() -> assertThat(sink.events).hasSize(7))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertThat(sink.events).hasSize(8).allMatch(e -> e.equals("failed CONNECTION")))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void mastersAreTriedInOrderAndTheOneThatAnsweredIsAskedFirstNextTime() {
        Recorder sink = new Recorder();
        List<String> asked = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of("m1:5050", "m2:5050", "m3:5050")), m -> {
                    asked.add(m);
                    return m.equals("m2:5050") ? Mono.just(fetched(m))
                            : Mono.error(new FetchException(FailureReason.NO_LEADER, "503"));
                }).run(sink))
                .expectSubscription()
                .then(() -> assertThat(asked).containsExactly("m1:5050", "m2:5050"))
                .thenAwait(PERIOD)
                .then(() -> assertThat(asked).containsExactly("m1:5050", "m2:5050", "m2:5050"))
                .then(() -> assertThat(sink.events).containsExactly("ok m2:5050", "ok m2:5050"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void allMastersFailingReportsTheLastFailureAndNoMastersIsNoLeader() {
        Recorder sink = new Recorder();
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of("m1:5050", "m2:5050")),
                        m -> Mono.error(new FetchException(m.equals("m1:5050") ? FailureReason.CONNECTION
                                : FailureReason.NO_LEADER, "x"))).run(sink))
                .expectSubscription()
                .then(() -> assertThat(sink.events).containsExactly("failed NO_LEADER"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        Recorder none = new Recorder();
        StepVerifier.withVirtualTime(() -> source(new Detector(Masters.fallback(List.of(), false, 1)),
                        m -> Mono.just(fetched(m))).run(none))
                .expectSubscription()
                .then(() -> assertThat(none.events).containsExactly("failed NO_LEADER"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aNewLeaderStartsTheNextRefreshAtOnce() {
        Recorder sink = new Recorder();
        Detector detector = new Detector(new Masters(List.of("m1:5050", "m2:5050"), true, 1));
        StepVerifier.withVirtualTime(() -> source(detector, m -> Mono.just(fetched(m))).run(sink))
                .expectSubscription()
                .then(() -> assertThat(sink.events).containsExactly("ok m1:5050"))
                .thenAwait(Duration.ofSeconds(10))
                .then(() -> detector.set(new Masters(List.of("m2:5050"), true, 2)))
                .then(() -> assertThat(sink.events).containsExactly("ok m1:5050", "ok m2:5050"))
                .thenAwait(PERIOD.minusSeconds(1))
                .then(() -> assertThat(sink.events).hasSize(2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterInsideItsBounds() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 0);
        assertThat(List.of(b.delay(1), b.delay(2), b.delay(4), b.delay(5), b.delay(100)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(4),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, () -> 0.999);
        assertThat(low.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(high.delay(3)).isBetween(Duration.ofMillis(5990), Duration.ofSeconds(6));
        assertThat(high.delay(10)).isEqualTo(Duration.ofSeconds(60));
    }
}
