package io.lodestar.dns;

import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.Srv;

/**
 * A large record set shaped like RecordBuilder output (spec 6.8) for allocation tests and the JMH benchmarks (via
 * the core test-jar): {@code apps} Marathon apps with {@code instances} tasks each, spread over 500 agents. Per app:
 * {@code appN.marathon.mesos} (task IPs), {@code appN.marathon.slave.mesos} (agent IPs), {@code _appN._tcp} SRV on
 * both; per task: the canonical {@code appN-<hash>-<slave>.marathon[.slave].mesos} names.
 */
public final class SyntheticCluster {

    public static final int AGENTS = 500;

    private SyntheticCluster() {
    }

    /** {@code apps * instances} tasks. */
    public static RecordSet tasks(int apps, int instances) {
        RecordSet.Builder b = RecordSet.builder();
        for (int agent = 0; agent < AGENTS; agent++) {
            b.addA("slave.mesos.", agentIp(agent));
        }
        int task = 0;
        for (int app = 0; app < apps; app++) {
            String name = "app" + app;
            for (int i = 0; i < instances; i++, task++) {
                int agent = task % AGENTS;
                String canonical = canonicalName(app, i);
                String taskIp = "10." + (16 + (task >>> 16)) + "." + ((task >>> 8) & 0xFF) + "." + (task & 0xFF);
                b.addA(name + ".marathon.mesos.", taskIp);
                b.addA(canonical + ".marathon.mesos.", taskIp);
                b.addA(name + ".marathon.slave.mesos.", agentIp(agent));
                b.addA(canonical + ".marathon.slave.mesos.", agentIp(agent));
                Srv srv = new Srv(canonical + ".marathon.slave.mesos.", 31000 + i);
                b.addSrv("_" + name + "._tcp.marathon.mesos.", srv);
                b.addSrv("_" + name + "._tcp.marathon.slave.mesos.", srv);
            }
        }
        b.addA("ns1.mesos.", "10.0.0.53");
        b.addA("leader.mesos.", "10.0.0.1");
        return b.build();
    }

    /** The canonical name of instance {@code i} of app {@code app}, without the framework and domain. */
    public static String canonicalName(int app, int i) {
        return "app" + app + "-" + Integer.toString(app * 7919 + i * 104729, 36) + "-s" + ((app + i) % AGENTS);
    }

    private static String agentIp(int agent) {
        return "10.0." + (agent >>> 8) + "." + (agent & 0xFF);
    }
}
