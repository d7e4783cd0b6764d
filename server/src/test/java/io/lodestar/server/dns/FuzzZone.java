package io.lodestar.server.dns;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.mesos.StateParser;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import io.lodestar.testing.ZoneAssert;
import java.util.List;

/**
 * The zone the DNS fuzz tests query: every answer shape at once. The golden "beyond" state with every feature on
 * (the Mesos domain, {@code thisdcos.directory}, reverse zones, VIPs) plus {@link TestZone}'s names, which the
 * captured dig and kdig queries ask for, and its large RRset (truncation).
 */
final class FuzzZone {
    private static final List<String> MASTERS = List.of("10.0.0.11:5050", "10.0.0.12:5050");

    private FuzzZone() {
    }

    static Config config() {
        return Config.builder().listener("10.0.0.53").port(0).masters(MASTERS).reverseLookups(true)
                .dcosZones(true).dcosVips(true).build();
    }

    static QueryProcessor processor(Config config) {
        SnapshotHolder holder = new SnapshotHolder();
        holder.publish(records(config), config, 1_700_000_000L);
        return new QueryProcessor(holder, config);
    }

    private static RecordSet records(Config config) {
        RecordSet beyond;
        try {
            beyond = new RecordBuilder(config).build(StateParser.parse(ZoneAssert.resourceBytes("/states/beyond.json")),
                    BuildContext.of(MASTERS));
        } catch (Exception e) {
            throw new IllegalStateException("the beyond state fixture does not load", e);
        }
        RecordSet.Builder b = RecordSet.builder();
        for (RecordSet set : List.of(beyond, TestZone.records())) {
            set.a().forEach((name, values) -> values.forEach(v -> b.addA(name, v)));
            set.aaaa().forEach((name, values) -> values.forEach(v -> b.addAaaa(name, v)));
            set.srv().forEach((name, values) -> values.forEach(v -> b.addSrv(name, v)));
            set.ptr().forEach((name, values) -> values.forEach(v -> b.addPtr(name, v)));
        }
        return b.build();
    }
}
