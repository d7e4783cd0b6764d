package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
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
 * refuses connections is counted by reason, and {@code /ready}'s reason names the failing master source.
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
}
