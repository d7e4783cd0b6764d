package io.lodestar.server.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.records.RecordSet;

/** The zone the DNS server tests serve: a handful of names covering each answer shape, on 127.0.0.1 port 0. */
final class TestZone {
    static final String WEB = "web.marathon.mesos.";
    static final String V6 = "v6.marathon.mesos.";
    static final String SRV = "_web._tcp.marathon.mesos.";
    static final String TARGET_1 = "web-a1-s1.marathon.slave.mesos.";
    static final String TARGET_2 = "web-b2-s2.marathon.slave.mesos.";
    /** Four A records: answers rotate. */
    static final String ROUND_ROBIN = "rr.marathon.mesos.";
    /** {@value #BIG_COUNT} A records: about 1.6 KB, more than 512 and 1232 bytes. */
    static final String BIG = "big.marathon.mesos.";
    static final int BIG_COUNT = 100;

    private TestZone() {
    }

    static Config config() {
        return Config.builder().listener("127.0.0.1").port(0).build();
    }

    static RecordSet records() {
        RecordSet.Builder b = RecordSet.builder()
                .addA(WEB, "10.0.0.1")
                .addAaaa(V6, "fd00::1")
                .addSrv(SRV, TARGET_1, 31000)
                .addSrv(SRV, TARGET_2, 31001)
                .addA(TARGET_1, "10.0.1.1")
                .addA(TARGET_2, "10.0.1.2");
        for (int i = 1; i <= 4; i++) {
            b.addA(ROUND_ROBIN, "10.0.2." + i);
        }
        for (int i = 1; i <= BIG_COUNT; i++) {
            b.addA(BIG, "10.1." + (i / 256) + "." + (i % 256));
        }
        return b.build();
    }

    /** A holder with the test records already published. */
    static SnapshotHolder publishedHolder(Config config) {
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(records(), config, 1_700_000_000L);
        return holder;
    }

    static QueryProcessor processor(Config config) {
        return new QueryProcessor(publishedHolder(config), config);
    }
}
