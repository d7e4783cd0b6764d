package io.lodestar.dns;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import io.lodestar.records.RecordSet.Srv;

/** A realistic record set in the shape RecordBuilder produces (spec 6 and 12), and the config it is served with. */
final class Fixtures {

    static final long SERIAL = 1_700_000_000L;

    private Fixtures() {
    }

    static Config config() {
        return Config.builder().build();
    }

    /**
     * Tasks with short and canonical names, .slave variants, SRV with targets, a name with several A values,
     * IPv6, masters, the leader, SOAMname, and owners outside the domain that must be ignored.
     */
    static RecordSet recordSet() {
        RecordSet.Builder b = RecordSet.builder();
        // Server's own records (6.6) and masters (6.7).
        b.addA("ns1.mesos.", "10.0.0.53");
        b.addAaaa("ns1.mesos.", "fd00::53");
        b.addA("leader.mesos.", "10.0.0.1");
        b.addA("master.mesos.", "10.0.0.1");
        b.addA("master.mesos.", "10.0.0.2");
        b.addA("master.mesos.", "10.0.0.3");
        b.addA("master0.mesos.", "10.0.0.1");
        b.addSrv("_leader._tcp.mesos.", new Srv("leader.mesos.", 5050));
        b.addSrv("_leader._udp.mesos.", new Srv("leader.mesos.", 5050));
        // Agents (6.5).
        b.addA("slave.mesos.", "10.0.1.1");
        b.addA("slave.mesos.", "10.0.1.2");
        b.addSrv("_slave._tcp.mesos.", new Srv("slave.mesos.", 5051));
        // Framework (6.4).
        b.addA("marathon.mesos.", "10.0.0.1");
        b.addSrv("_framework._tcp.marathon.mesos.", new Srv("marathon.mesos.", 8080));
        // Task chronos (6.8): short and canonical names, .slave variants, SRV on two ports.
        b.addA("chronos.marathon.mesos.", "1.2.3.11");
        b.addA("chronos-zinaz-0.marathon.mesos.", "1.2.3.11");
        b.addA("chronos.marathon.slave.mesos.", "10.0.1.1");
        b.addA("chronos-zinaz-0.marathon.slave.mesos.", "10.0.1.1");
        b.addSrv("_chronos._tcp.marathon.mesos.", new Srv("chronos-zinaz-0.marathon.slave.mesos.", 31364));
        b.addSrv("_chronos._tcp.marathon.mesos.", new Srv("chronos-zinaz-0.marathon.slave.mesos.", 31365));
        b.addSrv("_chronos._tcp.marathon.slave.mesos.", new Srv("chronos-zinaz-0.marathon.slave.mesos.", 31364));
        // Task web: three instances on two agents, IPv4 and IPv6.
        b.addA("web.marathon.mesos.", "10.1.0.1");
        b.addA("web.marathon.mesos.", "10.1.0.2");
        b.addA("web.marathon.mesos.", "10.1.0.3");
        b.addAaaa("web.marathon.mesos.", "fd00::1");
        b.addAaaa("web.marathon.mesos.", "fd00::2");
        b.addA("web-a1b2c-0.marathon.slave.mesos.", "10.0.1.1");
        b.addA("web-d3e4f-1.marathon.slave.mesos.", "10.0.1.2");
        b.addAaaa("web-d3e4f-1.marathon.slave.mesos.", "fd00:1::2");
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("web-a1b2c-0.marathon.slave.mesos.", 31000));
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("web-d3e4f-1.marathon.slave.mesos.", 31001));
        b.addSrv("_web._tcp.marathon.mesos.", new Srv("web-d3e4f-1.marathon.slave.mesos.", 31002));
        // IPv6-only task.
        b.addAaaa("v6only.marathon.mesos.", "2001:db8::42");
        // SRV whose target has no address records, and one outside the zone.
        b.addSrv("_orphan._udp.marathon.mesos.", new Srv("gone.marathon.slave.mesos.", 9999));
        b.addSrv("_ext._tcp.marathon.mesos.", new Srv("db.example.com.", 5432));
        // Outside the domain: ignored for DNS.
        b.addA("db.example.com.", "192.0.2.7");
        b.addA("mesos.example.com.", "192.0.2.8");
        return b.build();
    }

    static Snapshot snapshot() {
        return ZoneCompiler.compile(recordSet(), config(), SERIAL);
    }
}
