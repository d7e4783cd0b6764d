package io.lodestar.server.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.mesos.StateJson;
import io.lodestar.server.metrics.LodestarMetrics;
import io.lodestar.server.refresh.LiveRefresh;
import io.lodestar.server.status.Readiness;
import io.lodestar.server.status.SourceStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live refresh (static masters, polled) seen through the metrics and the readiness verdict: a master that
 * refuses connections is counted by reason, and {@code /ready}'s reason names the failing master source; refreshes
 * from WireMock masters are counted and timed, and the state coming from another master is a leader change.
 */
class LiveRefreshStatusTest {

    @Test
    void aMasterThatRefusesConnectionsIsCountedAndMakesReadinessSayWhy() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: connections are refused
        }
        Config config = Config.builder().masters(List.of("127.0.0.1:" + closed)).refreshSeconds(1)
                .stateTimeoutSeconds(2).externalOn(false).build();
        SnapshotHolder holder = new SnapshotHolder();
        try (LodestarMetrics metrics = new LodestarMetrics(); LiveRefresh live = LiveRefresh.create(config, holder)) {
            Readiness readiness = new Readiness(holder, () -> SourceStatus.of(live.refresher().status()),
                    Duration.ofSeconds(config.readyStalenessSeconds()), Clock.systemUTC());
            metrics.bindRefresher(live.refresher());
            metrics.bindSnapshots(holder, readiness);

            live.start();

            await().atMost(15, TimeUnit.SECONDS).until(() -> PrometheusText.value(metrics.scrape(),
                    "lodestar_refresh_failures_total{reason=\"connection\"}") >= 1);
            String text = metrics.scrape();
            assertThat(PrometheusText.value(text, "lodestar_refresh_failures_total{reason=\"no_leader\"}")).isZero();
            assertThat(PrometheusText.value(text, "lodestar_leader_detection_up")).isEqualTo(1);
            assertThat(PrometheusText.value(text, "lodestar_ready")).isZero();
            Readiness.Report report = readiness.check();
            assertThat(report.ready()).isFalse();
            assertThat(report.reason()).startsWith("no records published yet; Mesos master (poll) failing since ")
                    .contains(": connection: ");
        }
    }

    @Test
    void refreshesFromAMasterAreCountedAndTimedAndAnotherLeaderIsALeaderChange() throws Exception {
        WireMockServer m1 = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        WireMockServer m2 = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        m1.start();
        m2.start();
        try {
            String a1 = "127.0.0.1:" + m1.port();
            String a2 = "127.0.0.1:" + m2.port();
            m1.stubFor(get("/master/state").willReturn(state(a1)));
            m2.stubFor(get("/master/state").willReturn(state(a2)));
            Config config = Config.builder().masters(List.of(a1, a2)).refreshSeconds(1).stateTimeoutSeconds(2)
                    .externalOn(false).build();
            SnapshotHolder holder = new SnapshotHolder();
            try (LodestarMetrics metrics = new LodestarMetrics();
                 LiveRefresh live = LiveRefresh.create(config, holder)) {
                metrics.bindRefresher(live.refresher());
                assertThat(PrometheusText.value(metrics.scrape(), "lodestar_leader_changes_total")).isZero();

                live.start();

                await().atMost(15, TimeUnit.SECONDS).until(() -> PrometheusText.value(metrics.scrape(),
                        "lodestar_refresh_successes_total") >= 1);
                String text = metrics.scrape();
                assertThat(PrometheusText.value(text, "lodestar_refresh_duration_seconds_count")).isPositive();
                assertThat(PrometheusText.value(text, "lodestar_refresh_duration_seconds_sum")).isPositive();
                assertThat(PrometheusText.value(text, "lodestar_leader_changes_total"))
                        .as("the first leader, from none").isEqualTo(1);
                assertThat(PrometheusText.value(text, "lodestar_event_stream_reconnects_total")).isZero();

                m1.stubFor(get("/master/state").willReturn(aResponse().withStatus(503)));

                await().atMost(15, TimeUnit.SECONDS).until(() -> live.refresher().status().leader().equals(a2));
                text = metrics.scrape();
                assertThat(PrometheusText.value(text, "lodestar_leader_changes_total")).isEqualTo(2);
                assertThat(PrometheusText.value(text, "lodestar_leader_known")).isEqualTo(1);
            }
        } finally {
            m1.stop();
            m2.stop();
        }
    }

    private static ResponseDefinitionBuilder state(String leader) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(StateJson.leader(leader).agent("a1", "10.0.1.1").task("marathon", "web", "a1", "10.0.1.1")
                        .bytes());
    }
}
