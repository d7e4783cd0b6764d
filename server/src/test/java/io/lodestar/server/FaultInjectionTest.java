package io.lodestar.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.StateJson;
import io.lodestar.server.mesos.ZkMasters;
import io.lodestar.server.refresh.RefreshStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/**
 * Fault injection under load (docs/reliability.md): the real server in ZooKeeper mode, two WireMock masters and an
 * in-process ZooKeeper, while {@link LoadGenerator} asks {@value #RATE} queries a second over UDP. The leading
 * master answers slowly, returns 500, returns truncated JSON, returns a state with half its agents in
 * {@code recovered_slaves}, redirects to a master that is down; then the leader changes and ZooKeeper is stopped
 * and restarted. At every step: no query goes unanswered, the running tasks keep their answers (one of them on a
 * recovered agent), the killed task's answers go with the first good refresh that drops it, readiness says whether
 * the records are fresh, and the process never exits. The figures go to {@code target/fault-injection.md}.
 */
class FaultInjectionTest {
    private static final int RATE = 200;
    /** Queries each step lasts at least, once its fault has shown: a second and a half at {@value #RATE}/s. */
    private static final int HOLD = 300;
    private static final Duration STALENESS = Duration.ofSeconds(3);
    private static final String KEEP = "keep.marathon.mesos.";
    private static final String HELD = "held.marathon.mesos.";
    private static final String DOOMED = "doomed.marathon.mesos.";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final ServeCommand command = new ServeCommand(print(), print(), exitCode::set);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServeCommand.Running running;
    private LoadGenerator load;
    private volatile long changeAt = Long.MAX_VALUE;
    private volatile long goneAt = Long.MAX_VALUE;

    /**
     * BlockHound watches the event loops, and must be in place before any Reactor scheduler thread parks: installed
     * later, it finds them inside a wait it did not see begin and breaks their queues for the next tests.
     */
    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @AfterEach
    void stop() throws Exception {
        command.stop();
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static PrintStream print() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private WireMockServer master() {
        WireMockServer m = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        m.start();
        open.add(m::stop);
        return m;
    }

    /** {@code m} joins the election (after any master that joined before it). */
    private static CuratorFramework elect(TestingServer zk, WireMockServer m) throws Exception {
        return ZkMasters.join(zk.getConnectString(), "/mesos", ZkMasters.masterInfo("127.0.0.1", m.port()));
    }

    private static String address(WireMockServer m) {
        return "127.0.0.1:" + m.port();
    }

    /** Agents a1..a4; {@code keep} on a1, {@code doomed} on a2 in {@code doomedState}, {@code held} on a3. */
    private static StateJson state(WireMockServer leader, String doomedState) {
        return StateJson.leader(address(leader)).agent("a1", "10.0.1.1").agent("a2", "10.0.1.2")
                .agent("a3", "10.0.1.3").agent("a4", "10.0.1.4")
                .task("marathon", "keep", "keep.1", "a1", "TASK_RUNNING", "10.8.0.1")
                .task("marathon", "doomed", "doomed.1", "a2", doomedState, "10.8.0.2")
                .task("marathon", "held", "held.1", "a3", "TASK_RUNNING", "10.8.0.3");
    }

    /** Right after a failover: a3 and a4 recovered, not re-registered, so their tasks are missing. */
    private static StateJson halfRecovered(WireMockServer leader) {
        return StateJson.leader(address(leader)).agent("a1", "10.0.1.1").agent("a2", "10.0.1.2")
                .recovered("a3").recovered("a4")
                .task("marathon", "keep", "keep.1", "a1", "TASK_RUNNING", "10.8.0.1")
                .task("marathon", "doomed", "doomed.1", "a2", "TASK_RUNNING", "10.8.0.2");
    }

    private static void serve(WireMockServer m, String body) {
        m.stubFor(get("/master/state").willReturn(okJson(body)));
    }

    /** A master that does not lead sends {@code /master/state} to the one it believes leads, as Mesos does. */
    private static void redirect(WireMockServer m, String to) {
        m.stubFor(get("/master/state").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "//" + to + "/master/state")));
    }

    private RefreshStatus status() {
        return running.live().refresher().status();
    }

    private long failures(FailureReason reason) {
        return running.live().refresher().failures().count(reason);
    }

    /** The truth: records published and confirmed by the masters no longer ago than the staleness limit. */
    private boolean fresh() {
        Instant last = status().lastSuccess();
        // In whole seconds, as readiness counts the records' age.
        return last != null && Duration.between(last, Instant.now()).getSeconds() <= STALENESS.getSeconds();
    }

    /** What {@code GET /ready} says: 200 or 503. */
    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.httpAddress().getPort()
                + "/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).as("/ready").isIn(200, 503);
            return status == 200;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * /ready says the truth: asked while the records are surely fresh (or surely stale, {@code fresh} false), it
     * says so. The truth is sampled before and after the request, so a verdict at the edge of the limit is not
     * held against it.
     */
    private void assertReadyIsTheTruth(boolean expected) {
        boolean before = fresh();
        boolean said = ready();
        boolean after = fresh();
        assertThat(before).as("the records' freshness, before /ready").isEqualTo(expected);
        if (before == after) {
            assertThat(said).as("/ready while the records are %s", expected ? "fresh" : "stale").isEqualTo(expected);
        }
    }

    private static ConditionFactory within() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private void step(String name) {
        load.step(name);
    }

    /** The step goes on for {@link #HOLD} more queries. */
    private void hold() {
        int until = load.sent() + HOLD;
        within().until(() -> load.sent() >= until);
    }

    private boolean correct(LoadGenerator.Query q) {
        LoadGenerator.Answer a = q.answer;
        return switch (q.name) {
            case KEEP -> a.rcode() == Rcode.NOERROR && a.addresses().equals(List.of("10.8.0.1"));
            case HELD -> a.rcode() == Rcode.NOERROR && a.addresses().equals(List.of("10.8.0.3"));
            default -> {
                boolean present = a.rcode() == Rcode.NOERROR && a.addresses().equals(List.of("10.8.0.2"));
                boolean gone = a.rcode() == Rcode.NXDOMAIN;
                yield q.sentNanos < changeAt ? present : q.sentNanos >= goneAt ? gone : present || gone;
            }
        };
    }

    @Test
    void everyQueryIsAnsweredRightThroughMasterAndZooKeeperFaults() throws Exception {
        TestingServer zk = new TestingServer(true);
        open.add(zk);
        WireMockServer a = master();
        WireMockServer b = master();
        int down;
        try (ServerSocket s = new ServerSocket(0)) {
            down = s.getLocalPort();
        }
        serve(a, state(a, "TASK_RUNNING").text());
        redirect(b, address(a));
        CuratorFramework leaderA = elect(zk, a);
        open.add(leaderA::close);
        CuratorFramework leaderB = elect(zk, b);
        open.add(leaderB::close);
        Config config = Config.builder().zk("zk://" + zk.getConnectString() + "/mesos").refreshSeconds(1)
                .stateTimeoutSeconds(2).listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0)
                .externalOn(false).build();
        running = command.serve(config, null);
        open.add(running);
        within().until(() -> running.server().udpPort() > 0);
        load = new LoadGenerator(running.server().udpAddress(), List.of(KEEP, HELD, DOOMED));
        open.add(load);
        load.start(RATE);

        step("steady");
        hold();
        assertReadyIsTheTruth(true);

        step("slow master");
        long timeouts = failures(FailureReason.TIMEOUT);
        a.stubFor(get("/master/state").willReturn(okJson(state(a, "TASK_RUNNING").text()).withFixedDelay(3000)));
        within().until(() -> failures(FailureReason.TIMEOUT) >= timeouts + 2 && !fresh());
        assertReadyIsTheTruth(false);

        step("HTTP 500");
        long statuses = failures(FailureReason.HTTP_STATUS);
        a.stubFor(get("/master/state").willReturn(aResponse().withStatus(500)));
        within().until(() -> failures(FailureReason.HTTP_STATUS) > statuses);
        hold();
        assertReadyIsTheTruth(false);

        step("truncated JSON");
        long invalid = failures(FailureReason.INVALID_STATE);
        String whole = state(a, "TASK_RUNNING").text();
        a.stubFor(get("/master/state").willReturn(okJson(whole.substring(0, whole.length() / 2))));
        within().until(() -> failures(FailureReason.INVALID_STATE) > invalid);
        hold();
        assertReadyIsTheTruth(false);

        step("half the agents recovered");
        serve(a, halfRecovered(a).text());
        within().until(() -> !status().failing() && fresh());
        hold();
        assertReadyIsTheTruth(true);

        step("redirect to a master that is down");
        long connections = failures(FailureReason.CONNECTION);
        redirect(a, "127.0.0.1:" + down);
        within().until(() -> failures(FailureReason.CONNECTION) > connections && !fresh());
        assertReadyIsTheTruth(false);
        hold();

        step("leader change");
        changeAt = System.nanoTime();
        serve(b, state(b, "TASK_KILLED").text());
        redirect(a, address(b));
        leaderA.close();
        within().until(() -> status().leader().equals(address(b)) && !status().failing());
        goneAt = System.nanoTime();
        hold();
        assertReadyIsTheTruth(true);

        step("ZooKeeper stopped");
        zk.stop();
        within().until(() -> !status().detectorUp() && !fresh());
        hold();
        assertReadyIsTheTruth(false);

        step("ZooKeeper restarted");
        zk.restart();
        within().until(() -> status().detectorUp() && !status().failing() && fresh());
        hold();
        assertReadyIsTheTruth(true);

        load.stop();
        await().atMost(Duration.ofSeconds(5)).until(load::allAnswered);
        List<LoadGenerator.Figures> figures = load.figures(this::correct);
        report(figures);
        assertThat(figures).as("per step").allSatisfy(f -> {
            assertThat(f.lost()).as("%s: lost", f.step()).isZero();
            assertThat(f.wrong()).as("%s: wrong", f.step()).isZero();
        });
        assertThat(load.queries()).as("queries for the killed task after the refresh that dropped it")
                .filteredOn(q -> q.name.equals(DOOMED) && q.sentNanos >= goneAt).isNotEmpty();
        assertThat(exitCode.get()).as("the process never exits").isEqualTo(-1);
        assertThat(running.server().counters().errors()).isZero();
    }

    private static void report(List<LoadGenerator.Figures> figures) throws IOException {
        StringBuilder md = new StringBuilder("| step | sent | answered | wrong | lost |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (LoadGenerator.Figures f : figures) {
            md.append("| ").append(f.step()).append(" | ").append(f.sent()).append(" | ").append(f.answered())
                    .append(" | ").append(f.wrong()).append(" | ").append(f.lost()).append(" |\n");
        }
        System.out.print(md);
        Files.writeString(Path.of("target", "fault-injection.md"), md);
    }
}
