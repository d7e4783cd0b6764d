package io.lodestar.server;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateException;
import io.lodestar.mesos.StateParser;
import io.lodestar.records.BuildContext;
import io.lodestar.records.HostTable;
import io.lodestar.records.RecordBuilder;
import io.lodestar.records.RecordSet;
import io.lodestar.server.state.HostnameResolver;
import io.lodestar.server.state.LocalAddresses;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * A Mesos state document to records: parse, resolve the hostnames it names, gather the interface addresses a
 * wildcard listener needs, build. It waits for name lookups, so it runs on a refresh thread, never an event loop.
 */
final class StateRecords implements AutoCloseable {
    /** How long one build waits for hostname lookups; names not resolved by then get no records this time. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final Config config;
    private final RecordBuilder builder;
    private final HostnameResolver resolver = new HostnameResolver();

    StateRecords(Config config) {
        this.config = config;
        this.builder = new RecordBuilder(config);
    }

    /** Records of a state document read from {@code json} as it is parsed (the stream is not closed). */
    RecordSet build(InputStream json) throws StateException {
        return build(StateParser.parse(json, config.stateMaxBytes()));
    }

    /** Records of a state document held in memory. */
    RecordSet build(byte[] json) throws StateException {
        return build(StateParser.parse(json, config.stateMaxBytes()));
    }

    private RecordSet build(MesosState state) {
        // A local state file stands for static mode (spec 3.2): the configured masters, first = presumed leader.
        List<String> masters = config.masters();
        HostTable hosts = resolver.resolveAll(HostTable.hostnamesIn(state, masters), LOOKUP_TIMEOUT).join();
        String listener = config.listener();
        List<String> local = listener.equals("0.0.0.0") || listener.equals("::") ? LocalAddresses.nonLoopback() : List.of();
        return builder.build(state, new BuildContext(masters, hosts, local));
    }

    @Override
    public void close() {
        resolver.close();
    }
}
