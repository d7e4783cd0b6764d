package io.lodestar.server.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.StateJson;
import io.lodestar.server.mesos.ZkMasters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper mode end to end ({@code zk} and {@code masters} in the config, wired by {@link LiveRefresh}): a real
 * ZooKeeper in process, WireMock masters, the real DNS server. A new leader is fetched at once, not after
 * {@code refreshSeconds}; while ZooKeeper is down the configured masters stand in, or the last records stay.
 */
class ZkRefreshTest {
    private static final String WEB = "web.marathon.mesos.";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestingServer zk;
    private SnapshotHolder holder;
    private DnsProbe dns;
    private Refresher refresher;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
        open.add(zk);
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private WireMockServer master(String ip) {
        WireMockServer m = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        m.start();
        open.add(m::stop);
        m.stubFor(get("/master/state").willReturn(okJson(StateJson.leader("127.0.0.1:" + m.port())
                .agent("a1", "10.0.1.1").task("marathon", "web", "a1", ip).text())));
        return m;
    }

    private CuratorFramework elect(WireMockServer m) throws Exception {
        CuratorFramework c = ZkMasters.join(zk.getConnectString(), "/mesos", ZkMasters.masterInfo("127.0.0.1", m.port()));
        open.add(c::close);
        return c;
    }

    private void start(List<String> fallback) throws Exception {
        Config config = Config.builder().zk("zk://" + zk.getConnectString() + "/mesos").masters(fallback)
                .refreshSeconds(60).stateTimeoutSeconds(5).listener("127.0.0.1").build();
        holder = new SnapshotHolder();
        dns = new DnsProbe(config, holder);
        open.add(dns);
        LiveRefresh live = LiveRefresh.create(config, holder);
        open.add(live);
        refresher = live.refresher();
        live.start();
    }

    @Test
    void aNewLeaderIsFetchedAtOnceAndTheFallbackMastersStandInWhileZooKeeperIsDown() throws Exception {
        WireMockServer a = master("10.8.0.1");
        WireMockServer b = master("10.8.0.2");
        WireMockServer fallback = master("10.8.0.3");
        CuratorFramework leaderA = elect(a);
        elect(b);
        start(List.of("127.0.0.1:" + fallback.port()));
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));
        assertThat(refresher.status().leader()).isEqualTo("127.0.0.1:" + a.port());
        assertThat(dns.a("leader.mesos.")).containsExactly("127.0.0.1");

        // a's session ends: b leads, and is fetched long before refreshSeconds (60 s) are up.
        leaderA.close();
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.2")));
        assertThat(refresher.status().leader()).isEqualTo("127.0.0.1:" + b.port());

        // ZooKeeper goes away: the configured master stands in, and the status says detection is down.
        zk.stop();
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.3")));
        assertThat(refresher.status().detectorUp()).isFalse();

        zk.restart();
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.2")) && refresher.status().detectorUp());
    }

    @Test
    void withoutFallbackMastersTheLastRecordsStayWhileZooKeeperIsDown() throws Exception {
        WireMockServer a = master("10.8.0.1");
        elect(a);
        start(List.of());
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));

        long before = refresher.failures().count(FailureReason.NO_LEADER);
        zk.stop();
        await().atMost(WAIT).until(() -> refresher.failures().count(FailureReason.NO_LEADER) > before);
        RefreshStatus down = refresher.status();
        assertThat(down.detectorUp()).isFalse();
        assertThat(down.failure()).isEqualTo(FailureReason.NO_LEADER);
        assertThat(dns.a(WEB)).containsExactly("10.8.0.1");

        a.stubFor(get("/master/state").willReturn(okJson(StateJson.leader("127.0.0.1:" + a.port())
                .agent("a1", "10.0.1.1").task("marathon", "web", "a1", "10.8.0.4").text())));
        zk.restart();
        await().atMost(WAIT).until(() -> dns.a(WEB).equals(List.of("10.8.0.4")));
        assertThat(refresher.status().failing()).isFalse();
        assertThat(refresher.status().detectorUp()).isTrue();
    }
}
