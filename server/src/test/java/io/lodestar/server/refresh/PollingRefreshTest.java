package io.lodestar.server.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.mesos.Backoff;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.MasterClient;
import io.lodestar.server.mesos.PollStateSource;
import io.lodestar.server.mesos.StateJson;
import io.lodestar.server.mesos.StaticMasters;
import io.lodestar.server.state.HostnameResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The poll pipeline end to end: WireMock masters, the real master client, refresher and DNS server (under
 * BlockHound), queried with dnsjava. Whatever the master does wrong, the answers of the last good snapshot keep coming.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingRefreshTest {
    private static final Duration PERIOD = Duration.ofMillis(200);
    private static final String WEB = "web.marathon.mesos.";

    private final WireMockServer m1 = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private final WireMockServer m2 = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private final Scheduler refresh = Schedulers.newBoundedElastic(2, 64, "test-refresh");
    private final HostnameResolver resolver = new HostnameResolver();
    private SnapshotHolder holder;
    private DnsProbe dns;
    private MasterClient client;
    private Refresher refresher;

    @BeforeAll
    void startMasters() {
        BlockHoundSupport.install();
        m1.start();
        m2.start();
    }

    @AfterAll
    void stopMasters() {
        m1.stop();
        m2.stop();
        refresh.dispose();
        resolver.close();
    }

    @BeforeEach
    void resetMasters() {
        m1.resetAll();
        m2.resetAll();
    }

    @AfterEach
    void stop() {
        if (refresher != null) {
            refresher.close();
        }
        if (client != null) {
            client.close();
        }
        if (dns != null) {
            assertThat(dns.errors()).as("DNS handler errors").isZero();
            dns.close();
        }
    }

    private String m1() {
        return "127.0.0.1:" + m1.port();
    }

    private String m2() {
        return "127.0.0.1:" + m2.port();
    }

    private static void serve(WireMockServer master, ResponseDefinitionBuilder response) {
        master.stubFor(get("/master/state").willReturn(response));
    }

    private static ResponseDefinitionBuilder state(StateJson state) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(state.bytes());
    }

    /** One agent, task "web" with netinfo {@code ip}, served by {@code leader}. */
    private static StateJson web(String leader, String ip) {
        return StateJson.leader(leader).agent("a1", "10.0.1.1").task("marathon", "web", "a1", ip);
    }

    private void start(Config config) throws Exception {
        holder = new SnapshotHolder();
        dns = new DnsProbe(config, holder);
        client = new MasterClient(config, refresh);
        StaticMasters detector = new StaticMasters(config.masters());
        PollStateSource source = new PollStateSource(detector, client::fetchState, PERIOD,
                new Backoff(Duration.ofMillis(20), PERIOD, 0), Schedulers.parallel(), refresh);
        refresher = new Refresher(config, holder, detector, source, resolver, refresh, Clock.systemUTC(), List::of);
        refresher.start();
    }

    private static Config config(String... masters) {
        return Config.builder().masters(List.of(masters)).stateTimeoutSeconds(5).listener("127.0.0.1").build();
    }

    static Stream<Arguments> failures() {
        Function<String, byte[]> full = leader -> web(leader, "10.8.0.1").bytes();
        return Stream.of(
                Arguments.of("503 no leader", FailureReason.NO_LEADER,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse().withStatus(503)),
                Arguments.of("500", FailureReason.HTTP_STATUS,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse().withStatus(500)
                                .withBody(full.apply(l))),
                Arguments.of("slower than stateTimeoutSeconds", FailureReason.TIMEOUT,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse().withStatus(200)
                                .withFixedDelay(1500).withBody(full.apply(l))),
                Arguments.of("truncated JSON", FailureReason.INVALID_STATE,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse().withStatus(200)
                                .withBody(Arrays.copyOf(full.apply(l), 100))),
                Arguments.of("malformed JSON", FailureReason.INVALID_STATE,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse().withStatus(200)
                                .withBody("{\"leader\": \"master@" + l + "\", \"slaves\": [}")),
                Arguments.of("connection reset", FailureReason.CONNECTION,
                        (Function<String, ResponseDefinitionBuilder>) l -> aResponse()
                                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void theAnswersOfTheLastGoodSnapshotKeepComing(String name, FailureReason reason,
            Function<String, ResponseDefinitionBuilder> failure) throws Exception {
        serve(m1, state(web(m1(), "10.8.0.1")));
        start(config(m1()).toBuilder().stateTimeoutSeconds(1).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));
        long serial = holder.serial();

        serve(m1, failure.apply(m1()));
        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.failures().count(reason) >= 2);

        assertThat(dns.a(WEB)).containsExactly("10.8.0.1");
        assertThat(holder.serial()).isEqualTo(serial);
        RefreshStatus failing = refresher.status();
        assertThat(failing.failure()).isEqualTo(reason);
        assertThat(failing.consecutiveFailures()).isGreaterThanOrEqualTo(2);
        assertThat(failing.failingSince()).isNotNull();
        assertThat(failing.published()).isTrue();
        assertThat(refresher.failures().total()).isEqualTo(refresher.failures().count(reason));

        serve(m1, state(web(m1(), "10.8.0.2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.2")));
        assertThat(refresher.status().failing()).isFalse();
        assertThat(refresher.status().leader()).isEqualTo(m1());
    }

    @Test
    void aMasterThatDoesNotLeadRedirectsToTheOneThatDoes() throws Exception {
        m2.stubFor(get("/master/state").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "//" + m1() + "/master/state")));
        serve(m1, state(web(m1(), "10.8.0.1")));
        start(config(m2(), m1()));

        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));
        assertThat(refresher.status().leader()).isEqualTo(m1());
        assertThat(dns.a("leader.mesos.")).containsExactly("127.0.0.1");
        assertThat(refresher.failures().total()).isZero();
    }

    @Test
    void whenNoMasterLeadsNothingIsServedAndTheFailureIsNoLeader() throws Exception {
        serve(m1, aResponse().withStatus(503));
        serve(m2, aResponse().withStatus(503));
        start(config(m1(), m2()));

        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.failures().count(FailureReason.NO_LEADER) >= 2);
        assertThat(refresher.status().published()).isFalse();
        assertThat(refresher.status().leaderKnown()).isFalse();
        assertThat(holder.current()).isNull();
    }

    @Test
    void aRefreshThatProducesTheSameRecordsPublishesNothing() throws Exception {
        serve(m1, state(web(m1(), "10.8.0.1")));
        start(config(m1()));
        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.status().published());
        long serial = holder.serial();
        Instant first = refresher.status().lastSuccess();

        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.status().lastSuccess().isAfter(first)
                && m1.getAllServeEvents().size() >= 4);
        assertThat(holder.serial()).isEqualTo(serial);
        assertThat(refresher.status().serial()).isEqualTo(serial);
    }

    @Test
    void afterAFailoverTheRecordsOfAgentsNotYetBackAreKeptForTheGracePeriod() throws Exception {
        StateJson before = StateJson.leader(m1()).agent("a1", "10.0.1.1").agent("a2", "10.0.1.2")
                .task("marathon", "web", "a1", "10.8.0.1").task("marathon", "web", "a2", "10.8.0.2");
        serve(m1, state(before));
        start(config(m1(), m2()).toBuilder().recoveredAgentGraceSeconds(2).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).size() == 2);

        // m2 takes over; a2 has not re-registered: the new leader lists it as recovered and knows none of its tasks.
        serve(m1, aResponse().withStatus(307).withHeader("Location", "//" + m2() + "/master/state"));
        serve(m2, state(StateJson.leader(m2()).agent("a1", "10.0.1.1").recovered("a2")
                .task("marathon", "web", "a1", "10.8.0.1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> refresher.status().leader().equals(m2()));
        assertThat(dns.a(WEB)).containsExactly("10.8.0.1", "10.8.0.2");
        assertThat(dns.a("leader.mesos.")).containsExactly("127.0.0.1");

        // a2 never comes back: after the grace period its records go.
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));
    }

    @Test
    void aHugeStateOf20000TasksIsFetchedParsedAndServed() throws Exception {
        byte[] huge = StateJson.large(m1(), 20_000).bytes();
        serve(m1, aResponse().withStatus(200).withBody(huge));
        long start = System.nanoTime();
        start(config(m1()).toBuilder().refreshSeconds(60).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> refresher.status().published());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("20,000-task state (%,d bytes): first snapshot published after %d ms%n", huge.length, millis);

        assertThat(dns.a("app-1999.framework-9.mesos.")).hasSize(10);
        assertThat(holder.records().countA()).isGreaterThan(20_000);
        assertThat(refresher.failures().total()).isZero();
    }
}
