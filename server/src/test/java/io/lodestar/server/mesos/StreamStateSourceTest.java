package io.lodestar.server.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The event stream source in virtual time: coalescing, heartbeats, reconnects, leader changes, reconciliation. */
class StreamStateSourceTest {
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration COALESCE = Duration.ofMillis(250);
    private static final Duration RECONCILE = Duration.ofSeconds(300);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);
    private static final String M1 = "10.0.0.1:5050";

    /** Streams the test writes into, one per subscription. */
    private static final class Streams implements StreamStateSource.Subscriber {
        final List<String> subscribedTo = new CopyOnWriteArrayList<>();
        volatile Sinks.Many<byte[]> current;

        @Override
        public Flux<byte[]> subscribe(String hostPort, Consumer<String> connected) {
            return Flux.defer(() -> {
                subscribedTo.add(hostPort);
                Sinks.Many<byte[]> s = Sinks.many().unicast().onBackpressureBuffer();
                current = s;
                connected.accept(hostPort);
                return s.asFlux();
            });
        }

        void send(String json) {
            current.tryEmitNext(Events.bytes(json));
        }
    }

    /** What the source delivered. */
    private static final class Recorder implements StateSink {
        final List<MesosState> published = new CopyOnWriteArrayList<>();
        final List<FailureReason> failures = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> publish(MesosState state, String master) {
            published.add(state);
            return Mono.empty();
        }

        @Override
        public void failed(FailureReason reason, String message) {
            failures.add(reason);
        }

        MesosState last() {
            return published.get(published.size() - 1);
        }

        List<String> taskStates() {
            return last().frameworks().get(0).tasks().stream().map(t -> t.id() + "=" + t.state()).toList();
        }
    }

    private final Streams streams = new Streams();
    private final Recorder sink = new Recorder();
    private final AtomicInteger reconciliations = new AtomicInteger();

    private StreamStateSource source(LeaderDetector detector, Duration reconcileEvery) {
        PollStateSource.Fetcher fetcher = master -> Mono.fromCallable(() -> {
            reconciliations.incrementAndGet();
            String state = "{\"leader\":\"master@" + master + "\",\"slaves\":[{\"id\":\"a1\",\"pid\":\"slave(1)@10.0.1.1:5051\"}],"
                    + "\"frameworks\":[{\"id\":\"marathon-0001\",\"name\":\"marathon\",\"pid\":\"scheduler@10.0.0.100:8080\","
                    + "\"tasks\":[{\"id\":\"web.1\",\"name\":\"web\",\"slave_id\":\"a1\",\"state\":\"TASK_RUNNING\"}]}]}";
            return new MasterClient.Fetched(StateParser.parse(Events.bytes(state)), master);
        });
        return new StreamStateSource(detector, streams, fetcher, SUBSCRIBE_TIMEOUT, COALESCE, reconcileEvery, BACKOFF,
                Schedulers.parallel(), Schedulers.immediate());
    }

    private static String subscribed(double heartbeat) {
        return Events.subscribed().heartbeat(heartbeat).agent("a1", "10.0.1.1").task("web.1", "web", "a1", "10.8.0.1")
                .json();
    }

    @Test
    void theFirstChangePublishesAtOnceAndLaterOnesAreCoalesced() {
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of(M1)), Duration.ZERO).run(sink))
                .expectSubscription()
                .then(() -> streams.send(subscribed(15)))
                .then(() -> assertThat(sink.published).hasSize(1))
                .then(() -> assertThat(sink.taskStates()).containsExactly("web.1=TASK_RUNNING"))
                .then(() -> {
                    for (int i = 0; i < 5; i++) {
                        streams.send(Events.taskAdded("api." + i, "api", "a1"));
                        streams.send(Events.taskUpdated("api." + i, "TASK_RUNNING", "10.8.1." + i));
                    }
                })
                .then(() -> assertThat(sink.published).hasSize(1))
                .thenAwait(COALESCE)
                .then(() -> assertThat(sink.published).hasSize(2))
                .then(() -> assertThat(sink.taskStates()).hasSize(6).allMatch(s -> s.endsWith("TASK_RUNNING")))
                .then(() -> streams.send(Events.heartbeat()))
                .thenAwait(Duration.ofSeconds(10))
                .then(() -> assertThat(sink.published).hasSize(2))
                .then(() -> streams.send(Events.taskUpdated("api.0", "TASK_KILLED", "10.8.1.0")))
                .then(() -> assertThat(sink.published).hasSize(3))
                .then(() -> assertThat(sink.taskStates()).hasSize(5))
                .then(() -> assertThat(sink.failures).isEmpty())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void threeMissedHeartbeatsEndTheStreamWhichIsReopenedWithBackoff() {
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of(M1)), Duration.ZERO).run(sink))
                .expectSubscription()
                .then(() -> streams.send(subscribed(15)))
                .thenAwait(Duration.ofSeconds(40))
                .then(() -> streams.send(Events.heartbeat()))
                .thenAwait(Duration.ofSeconds(44))
                .then(() -> assertThat(sink.failures).isEmpty())
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertThat(sink.failures).containsExactly(FailureReason.STREAM_LOST))
                .then(() -> assertThat(streams.subscribedTo).hasSize(1))
                .thenAwait(BACKOFF.first())
                .then(() -> assertThat(streams.subscribedTo).containsExactly(M1, M1))
                .then(() -> streams.send(subscribed(15)))
                .then(() -> assertThat(sink.published).hasSize(2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aStreamThatEndsOrNeverSubscribesIsRetriedWithGrowingBackoff() {
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of(M1)), Duration.ZERO).run(sink))
                .expectSubscription()
                .then(() -> streams.current.tryEmitComplete())
                .then(() -> assertThat(sink.failures).containsExactly(FailureReason.STREAM_LOST))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertThat(streams.subscribedTo).hasSize(2))
                .thenAwait(SUBSCRIBE_TIMEOUT)
                .then(() -> assertThat(sink.failures).containsExactly(FailureReason.STREAM_LOST, FailureReason.TIMEOUT))
                .thenAwait(Duration.ofMillis(1999))
                .then(() -> assertThat(streams.subscribedTo).hasSize(2))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(streams.subscribedTo).hasSize(3))
                .then(() -> streams.current.tryEmitError(new java.io.IOException("connection reset")))
                .then(() -> assertThat(sink.failures).endsWith(FailureReason.CONNECTION))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aBadEventIsSkippedButABadSubscribedDropsTheConnection() {
        StepVerifier.withVirtualTime(() -> source(new StaticMasters(List.of(M1)), Duration.ZERO).run(sink))
                .expectSubscription()
                .then(() -> streams.send("{\"type\":\"SUBSCRIBED\",\"subscribed\":"))
                .then(() -> assertThat(sink.failures).containsExactly(FailureReason.INVALID_STATE))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> streams.send(subscribed(15)))
                .then(() -> streams.send("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{}}}"))
                .then(() -> streams.send("not json"))
                .thenAwait(COALESCE)
                .then(() -> streams.send(Events.taskAdded("api.1", "api", "a1")))
                .thenAwait(COALESCE)
                .then(() -> assertThat(sink.taskStates()).containsExactly("web.1=TASK_RUNNING", "api.1=TASK_STAGING"))
                .then(() -> assertThat(sink.failures).hasSize(1))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aNewLeaderFromTheDetectorEndsTheStreamAndTheNewLeaderIsSubscribedAtOnce() {
        Sinks.Many<Masters> changes = Sinks.many().replay().latest();
        Masters first = new Masters(List.of(M1, "10.0.0.2:5050"), true, 1);
        changes.tryEmitNext(first);
        java.util.concurrent.atomic.AtomicReference<Masters> current = new java.util.concurrent.atomic.AtomicReference<>(first);
        LeaderDetector detector = new LeaderDetector() {
            @Override
            public void start() {
            }

            @Override
            public Masters current() {
                return current.get();
            }

            @Override
            public Flux<Masters> changes() {
                return changes.asFlux();
            }

            @Override
            public void close() {
            }
        };
        StepVerifier.withVirtualTime(() -> source(detector, Duration.ZERO).run(sink))
                .expectSubscription()
                .then(() -> streams.send(subscribed(15)))
                .then(() -> {
                    Masters lost = new Masters(List.of(""), false, 2); // ZooKeeper lost: the stream stays
                    current.set(lost);
                    changes.tryEmitNext(lost);
                })
                .then(() -> assertThat(streams.subscribedTo).containsExactly(M1))
                .then(() -> {
                    Masters next = new Masters(List.of("10.0.0.2:5050"), true, 3);
                    current.set(next);
                    changes.tryEmitNext(next);
                })
                .then(() -> assertThat(streams.subscribedTo).containsExactly(M1, "10.0.0.2:5050"))
                .then(() -> assertThat(sink.failures).isEmpty())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void reconciliationRunsAfterSubscribedAndPeriodicallyAndBringsFrameworkPids() {
        StepVerifier.Step<Void> step = StepVerifier
                .withVirtualTime(() -> source(new StaticMasters(List.of(M1)), RECONCILE).run(sink))
                .expectSubscription()
                .then(() -> streams.send(subscribed(15)))
                .then(() -> assertThat(reconciliations).hasValue(1))
                .thenAwait(COALESCE)
                .then(() -> assertThat(sink.last().frameworks().get(0).pid()).isNotNull());
        for (int i = 0; i < 10; i++) { // heartbeats every 30 s keep the stream alive
            step = step.thenAwait(Duration.ofSeconds(30)).then(() -> streams.send(Events.heartbeat()));
        }
        step.then(() -> assertThat(reconciliations).hasValue(2))
                .then(() -> assertThat(sink.failures).isEmpty())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
