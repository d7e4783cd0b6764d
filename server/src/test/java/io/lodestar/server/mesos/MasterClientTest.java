package io.lodestar.server.mesos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The master client against WireMock masters: redirects, statuses, timeouts, bodies that are not a state. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MasterClientTest {
    private final WireMockServer leader = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private final WireMockServer follower = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private final Scheduler parser = Schedulers.newBoundedElastic(2, 16, "test-parse");
    private MasterClient client;

    @BeforeAll
    void start() throws Exception {
        BlockHoundSupport.install(); // a blocking call on an HTTP event loop fails the fetch that made it
        leader.start();
        follower.start();
        client = new MasterClient(Config.builder().stateTimeoutSeconds(1).build(), parser);
    }

    @AfterAll
    void stop() {
        client.close();
        leader.stop();
        follower.stop();
        parser.dispose();
    }

    @BeforeEach
    void reset() {
        leader.resetAll();
        follower.resetAll();
    }

    private String leaderAddress() {
        return "127.0.0.1:" + leader.port();
    }

    private String followerAddress() {
        return "127.0.0.1:" + follower.port();
    }

    private void leaderServes(byte[] state) {
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(state)));
    }

    private FailureReason failure(String master) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> client.fetchState(master).block(Duration.ofSeconds(10)))
                .satisfies(t -> thrown[0] = t);
        return FailureReason.of(thrown[0]);
    }

    @Test
    void fetchesAndParsesTheState() {
        leaderServes(StateJson.leader(leaderAddress()).agent("a1", "10.0.1.1").task("marathon", "web", "a1", null)
                .bytes());

        MasterClient.Fetched f = client.fetchState(leaderAddress()).block(Duration.ofSeconds(10));

        assertThat(f.master()).isEqualTo(leaderAddress());
        assertThat(f.state().leader()).isEqualTo("master@" + leaderAddress());
        assertThat(f.state().frameworks().get(0).tasks()).hasSize(1);
        leader.verify(getRequestedFor(urlEqualTo("/master/state")).withHeader("User-Agent",
                com.github.tomakehurst.wiremock.client.WireMock.matching("Lodestar/.+")));
    }

    @Test
    void aFollowerRedirectsToTheLeaderWithASchemeLessLocation() {
        leaderServes(StateJson.leader(leaderAddress()).bytes());
        follower.stubFor(get("/master/state").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "//" + leaderAddress() + "/master/state")));

        MasterClient.Fetched f = client.fetchState(followerAddress()).block(Duration.ofSeconds(10));

        assertThat(f.master()).isEqualTo(leaderAddress());
    }

    @Test
    void aStateNamingAnotherLeaderIsFetchedOnceMoreFromThatLeader() {
        leaderServes(StateJson.leader(leaderAddress()).agent("a1", "10.0.1.1").bytes());
        follower.stubFor(get("/master/state").willReturn(aResponse().withStatus(200)
                .withBody(StateJson.leader(leaderAddress()).bytes())));

        MasterClient.Fetched f = client.fetchState(followerAddress()).block(Duration.ofSeconds(10));

        assertThat(f.master()).isEqualTo(leaderAddress());
        assertThat(f.state().agents()).hasSize(1);
    }

    @Test
    void redirectsThatGoOnForeverFail() {
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "//" + leaderAddress() + "/master/state")));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.HTTP_STATUS);
        leader.verify(MasterClient.MAX_REDIRECTS + 1, getRequestedFor(urlEqualTo("/master/state")));
    }

    @Test
    void statusesOtherThanSuccessAreFailuresWithTheStatusAsReason() {
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(503)));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.NO_LEADER);
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(500).withBody("{\"leader\":\"x\"}")));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.HTTP_STATUS);
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(401)));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.AUTHENTICATION);
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(307)));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.HTTP_STATUS);
    }

    @Test
    void aSlowMasterTimesOut() {
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withBody(StateJson.leader(leaderAddress()).bytes())));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.TIMEOUT);
    }

    @Test
    void bodiesThatAreNotAStateAreInvalid() {
        byte[] full = StateJson.leader(leaderAddress()).agent("a1", "10.0.1.1").bytes();
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(200)
                .withBody(java.util.Arrays.copyOf(full, full.length / 2))));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.INVALID_STATE);
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.INVALID_STATE);
        leader.stubFor(get("/master/state").willReturn(aResponse().withStatus(200).withBody("{\"slaves\":[]}")));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.INVALID_STATE);
    }

    @Test
    void brokenConnectionsAreConnectionFailures() {
        leader.stubFor(get("/master/state").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(failure(leaderAddress())).isEqualTo(FailureReason.CONNECTION);
        leader.stubFor(get("/master/state").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        assertThat(failure(leaderAddress())).isIn(FailureReason.CONNECTION, FailureReason.INVALID_STATE);
        assertThat(failure("127.0.0.1:1")).isEqualTo(FailureReason.CONNECTION);
    }

    @Test
    void aHostNameIsResolvedOffTheEventLoop() {
        leaderServes(StateJson.leader("localhost:" + leader.port()).bytes());
        MasterClient.Fetched f = client.fetchState("localhost:" + leader.port()).block(Duration.ofSeconds(10));
        assertThat(f.master()).isEqualTo("localhost:" + leader.port());
    }

    @Test
    void redirectTargetsAreReadFromSchemeLessAndAbsoluteLocations() {
        assertThat(MasterClient.redirectTarget("//10.0.0.2:5050/master/state")).isEqualTo("10.0.0.2:5050");
        assertThat(MasterClient.redirectTarget("//[2001:db8::2]:5050/api/v1")).isEqualTo("[2001:db8::2]:5050");
        assertThat(MasterClient.redirectTarget("http://m2.example:5050/master/state")).isEqualTo("m2.example:5050");
        assertThat(MasterClient.redirectTarget("https://m2.example/master/state")).isEqualTo("m2.example:443");
        assertThat(MasterClient.redirectTarget("/master/state")).isNull();
        assertThat(MasterClient.redirectTarget("")).isNull();
    }
}
