package io.lodestar.server.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.mesos.Events;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.StateJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code stateSource: "stream"} end to end: a fake master streaming RecordIO over chunked HTTP (records cut across
 * chunks), the wiring of {@link LiveRefresh}, the real DNS server (under BlockHound), dnsjava queries.
 */
class StreamingRefreshTest {
    private static final String WEB = "web.marathon.mesos.";

    private final List<AutoCloseable> open = new ArrayList<>();
    private SnapshotHolder holder;
    private DnsProbe dns;
    private Refresher refresher;

    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        if (dns != null) {
            assertThat(dns.errors()).as("DNS handler errors").isZero();
        }
    }

    private FakeStreamingMaster master() {
        FakeStreamingMaster m = new FakeStreamingMaster();
        open.add(m);
        return m;
    }

    private void start(String... masters) throws Exception {
        Config config = Config.builder().masters(List.of(masters)).stateSource("stream").stateTimeoutSeconds(5)
                .listener("127.0.0.1").build();
        holder = new SnapshotHolder();
        dns = new DnsProbe(config, holder);
        open.add(dns);
        LiveRefresh live = LiveRefresh.create(config, holder);
        open.add(live);
        refresher = live.refresher();
        live.start();
    }

    private static void awaitSubscriptions(FakeStreamingMaster m, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> m.subscriptions() >= n);
    }

    @Test
    void aTaskThatTurnsRunningIsAnswerableWellUnderASecond() throws Exception {
        FakeStreamingMaster m = master();
        m.state(StateJson.leader(m.address()).agent("a1", "10.0.1.1").task("marathon", "web", "a1", "10.8.0.1")
                .bytes());
        start(m.address());
        awaitSubscriptions(m, 1);
        m.send(Events.subscribed().heartbeat(1).agent("a1", "10.0.1.1").task("web.1", "web", "a1", "10.8.0.1").json());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String task = "lat" + i;
            m.send(Events.heartbeat());
            m.send(Events.taskAdded(task + ".1", task, "a1"));
            long sent = System.nanoTime();
            m.send(Events.taskUpdated(task + ".1", "TASK_RUNNING", "10.9.0." + (i + 1)));
            String ip = "10.9.0." + (i + 1);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                    .until(() -> dns.a(task + ".marathon.mesos.").equals(List.of(ip)));
            latencies.add((System.nanoTime() - sent) / 1_000_000);
        }
        Collections.sort(latencies);
        System.out.printf("stream: TASK_RUNNING event to DNS answer: median %d ms, max %d ms (coalescing 250 ms)%n",
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        assertThat(latencies).allMatch(ms -> ms < 1000);
        assertThat(refresher.status().source()).isEqualTo("stream");
        assertThat(refresher.status().leader()).isEqualTo(m.address());
        assertThat(refresher.failures().total()).isZero();
    }

    @Test
    void afterMissedHeartbeatsTheStreamIsReopenedAndTheAnswersKeepComing() throws Exception {
        FakeStreamingMaster m = master();
        m.state(StateJson.leader(m.address()).agent("a1", "10.0.1.1").task("marathon", "web", "a1", "10.8.0.1")
                .bytes());
        start(m.address());
        awaitSubscriptions(m, 1);
        m.send(Events.subscribed().heartbeat(0.2).agent("a1", "10.0.1.1").task("web.1", "web", "a1", "10.8.0.1")
                .json());
        m.send(Events.heartbeat());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));

        // The master goes quiet: after three heartbeat intervals the stream counts as dead and is reopened.
        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.failures().count(FailureReason.STREAM_LOST) >= 1);
        assertThat(dns.a(WEB)).containsExactly("10.8.0.1");
        assertThat(refresher.status().failing()).isTrue();
        awaitSubscriptions(m, 2);

        m.state(StateJson.leader(m.address()).agent("a1", "10.0.1.1").task("marathon", "web", "a1", "10.8.0.2")
                .bytes());
        m.send(Events.subscribed().heartbeat(5).agent("a1", "10.0.1.1").task("web.1", "web", "a1", "10.8.0.2")
                .json());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !refresher.status().failing());
    }

    @Test
    void afterAFailoverTheAgentsNotYetBackKeepTheirRecords() throws Exception {
        FakeStreamingMaster m1 = master();
        FakeStreamingMaster m2 = master();
        m1.state(StateJson.leader(m1.address()).agent("a1", "10.0.1.1").agent("a2", "10.0.1.2")
                .task("marathon", "web", "a1", "10.8.0.1").task("marathon", "web", "a2", "10.8.0.2").bytes());
        start(m1.address(), m2.address());
        awaitSubscriptions(m1, 1);
        m1.send(Events.subscribed().agent("a1", "10.0.1.1").agent("a2", "10.0.1.2")
                .task("web.1", "web", "a1", "10.8.0.1").task("web.2", "web", "a2", "10.8.0.2").json());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).size() == 2);

        // m1 steps down and points at m2, which lists a2 as recovered: not re-registered, its task unknown.
        m1.redirectTo(m2.address());
        m2.state(StateJson.leader(m2.address()).agent("a1", "10.0.1.1").recovered("a2")
                .task("marathon", "web", "a1", "10.8.0.1").bytes());
        m1.end();
        awaitSubscriptions(m2, 1);
        m2.send(Events.subscribed().agent("a1", "10.0.1.1").recovered("a2").task("web.1", "web", "a1", "10.8.0.1")
                .json());
        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.status().leader().equals(m2.address())
                && !refresher.status().failing());
        assertThat(dns.a(WEB)).containsExactly("10.8.0.1", "10.8.0.2");

        // a2 re-registers and its task comes back through events: now the new leader's own records.
        m2.send(Events.agentAdded("a2", "10.0.1.2"));
        m2.send(Events.taskAdded("web.2", "web", "a2"));
        m2.send(Events.taskUpdated("web.2", "TASK_RUNNING", "10.8.0.3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1", "10.8.0.3")));
    }
}
