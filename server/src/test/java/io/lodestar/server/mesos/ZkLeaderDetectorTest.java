package io.lodestar.server.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.ZkUrl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leader detection against a real ZooKeeper in process: masters register as Mesos does (ephemeral sequential
 * {@code json.info_} nodes holding MasterInfo JSON, each in its own session), fail over, and ZooKeeper goes away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZkLeaderDetectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger PATHS = new AtomicInteger();

    private TestingServer zk;
    private final List<CuratorFramework> masters = new ArrayList<>();
    private ZkLeaderDetector detector;

    @BeforeAll
    void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    void stopZooKeeper() throws Exception {
        zk.close();
    }

    @AfterEach
    void stop() {
        if (detector != null) {
            detector.close();
        }
        masters.forEach(CuratorFramework::close);
        masters.clear();
    }

    private CuratorFramework join(String path, String ip) throws Exception {
        CuratorFramework c = ZkMasters.join(zk.getConnectString(), path, ZkMasters.masterInfo(ip, 5050));
        masters.add(c);
        return c;
    }

    private static String newPath() {
        return "/mesos" + PATHS.incrementAndGet();
    }

    private ZkLeaderDetector detector(String path, List<String> fallback) throws Exception {
        detector = new ZkLeaderDetector(ZkUrl.parse("zk://" + zk.getConnectString() + path), fallback,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2));
        detector.start();
        return detector;
    }

    @Test
    void theLowestSequenceLeadsAndTheOthersFollowInSequenceOrder() throws Exception {
        String path = newPath();
        join(path, "10.0.0.1");
        join(path, "10.0.0.2");
        join(path, "10.0.0.3");
        detector(path, List.of());

        await().atMost(WAIT).until(() -> detector.current().list().size() == 3);
        assertThat(detector.current().list()).containsExactly("10.0.0.1:5050", "10.0.0.2:5050", "10.0.0.3:5050");
        assertThat(detector.current().detectorUp()).isTrue();
    }

    @Test
    void whenTheLeadersSessionEndsTheNextMasterLeads() throws Exception {
        String path = newPath();
        CuratorFramework first = join(path, "10.0.0.1");
        join(path, "10.0.0.2");
        detector(path, List.of());
        await().atMost(WAIT).until(() -> detector.current().leader().equals("10.0.0.1:5050"));
        long version = detector.current().version();
        List<Masters> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        detector.changes().subscribe(seen::add);

        first.close();

        await().atMost(WAIT).until(() -> detector.current().leader().equals("10.0.0.2:5050"));
        assertThat(detector.current().list()).containsExactly("10.0.0.2:5050");
        assertThat(detector.current().version()).isGreaterThan(version);
        assertThat(seen).extracting(Masters::leader).endsWith("10.0.0.2:5050");

        join(path, "10.0.0.3");
        await().atMost(WAIT).until(() -> detector.current().list().equals(List.of("10.0.0.2:5050", "10.0.0.3:5050")));
    }

    @Test
    void aPathWithoutMastersHasNoLeaderUntilOneRegisters() throws Exception {
        String path = newPath();
        detector(path, List.of("10.9.9.9:5050"));
        await().atMost(WAIT).until(() -> detector.current().detectorUp());
        assertThat(detector.current().list()).containsExactly("");
        assertThat(detector.current().candidates()).isEmpty();

        join(path, "10.0.0.4");

        await().atMost(WAIT).until(() -> detector.current().leader().equals("10.0.0.4:5050"));
    }

    @Test
    void unreadableMasterInfoAndBinaryNodesGiveNoLeader() throws Exception {
        String path = newPath();
        CuratorFramework c = ZkMasters.join(zk.getConnectString(), path, "not json".getBytes(StandardCharsets.UTF_8));
        masters.add(c);
        c.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(path + "/info_", new byte[] {8, 1});
        c.create().withMode(CreateMode.EPHEMERAL).forPath(path + "/log_replicas");
        detector(path, List.of());

        await().atMost(WAIT).until(() -> detector.current().detectorUp());
        assertThat(detector.current().leader()).isEmpty();
    }

    @Test
    void whileZooKeeperIsDownTheConfiguredMastersStandInAndDetectionResumesAfterARestart() throws Exception {
        String path = newPath();
        join(path, "10.0.0.1");
        detector(path, List.of("10.0.9.1:5050", "10.0.9.2:5050"));
        await().atMost(WAIT).until(() -> detector.current().leader().equals("10.0.0.1:5050"));

        zk.stop();
        try {
            await().atMost(WAIT).until(() -> !detector.current().detectorUp());
            assertThat(detector.current().list()).containsExactly("", "10.0.9.1:5050", "10.0.9.2:5050");
        } finally {
            zk.restart();
        }

        await().atMost(WAIT).until(() -> detector.current().detectorUp()
                && detector.current().leader().equals("10.0.0.1:5050"));
    }
}
