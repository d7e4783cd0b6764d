package io.lodestar.bench;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateException;
import io.lodestar.mesos.StateParser;
import io.lodestar.records.BuildContext;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import java.util.List;

/**
 * The refresh path as the server runs it for a state whose hosts are all IP literals (as the generated ones are):
 * parse, build records with the Mesos-DNS rules, no hostname lookups. Shared by the benchmarks and the query-file
 * writer so that both see exactly the records the server publishes.
 */
public final class Workload {

    private Workload() {
    }

    /** The configuration the benchmarks use: defaults, loopback listener, the generated leader as only master. */
    public static Config config() {
        return Config.builder().listener("127.0.0.1").masters(List.of(StateGenerator.LEADER)).build();
    }

    public static MesosState parse(byte[] state) {
        try {
            return StateParser.parse(state);
        } catch (StateException e) {
            throw new IllegalStateException("generated state does not parse: " + e.getMessage(), e);
        }
    }

    public static RecordSet build(MesosState state, Config config) {
        return new RecordBuilder(config).build(state, BuildContext.of(config.masters()));
    }

    public static RecordSet records(byte[] state, Config config) {
        return build(parse(state), config);
    }
}
