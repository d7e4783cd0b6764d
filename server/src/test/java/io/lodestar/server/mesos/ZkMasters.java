package io.lodestar.server.mesos;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;

/** Mesos masters as ZooKeeper sees them, for the tests: each joins the election in a session of its own. */
public final class ZkMasters {
    private ZkMasters() {
    }

    /** A Mesos 1.x MasterInfo, as a master writes it into its json.info_ node. */
    public static byte[] masterInfo(String ip, int port) {
        return ("{\"address\":{\"hostname\":\"master-" + ip + "\",\"ip\":\"" + ip + "\",\"port\":" + port + "},"
                + "\"hostname\":\"master-" + ip + "\",\"id\":\"" + UUID.randomUUID() + "\",\"ip\":0,"
                + "\"pid\":\"master@" + ip + ":" + port + "\",\"port\":" + port + ",\"version\":\"1.11.0\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A master joining the election under {@code path}; close it to end its session (and its candidacy). */
    public static CuratorFramework join(String connect, String path, byte[] info) throws Exception {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(30_000)
                .connectionTimeoutMs(5_000).retryPolicy(new RetryOneTime(200)).build();
        c.start();
        c.blockUntilConnected();
        c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(path + "/json.info_", info);
        return c;
    }
}
