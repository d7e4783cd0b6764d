package io.lodestar.records;

import static io.lodestar.testing.ZoneAssert.assertSameRecords;
import static io.lodestar.testing.ZoneAssert.resource;
import static io.lodestar.testing.ZoneAssert.resourceBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden fixtures: a state document in, the complete zone out, compared with expected records that were derived by
 * hand from the rules of spec section 6 (not from this code's output).
 */
class GoldenZoneTest {

    @Test
    void upstreamWorkedExampleWithDiscoveryInfoDockerLabelAndRfc952() throws Exception {
        Config config = Config.builder().enforceRfc952(true).listener("127.0.0.1")
                .ipSources(List.of("netinfo", "docker", "mesos", "host")).build();
        MesosState state = StateParser.parse(resourceBytes("/states/upstream-example.json"));

        RecordSet records = new RecordBuilder(config).build(state, BuildContext.of(List.of()));

        assertSameRecords(ZoneText.render(records, config, 1), resource("/states/upstream-example.zone"));
        assertThat(records.skipped().isEmpty()).isTrue();
    }

    @Test
    void mastersAreNumberedInListOrderWithTheLeaderKeepingItsPlace() throws Exception {
        Config config = Config.builder().domain("foo.com").listener("127.0.0.1").build();
        MesosState state = StateParser.parse(resourceBytes("/states/masters-example.json"));

        RecordSet records = new RecordBuilder(config)
                .build(state, BuildContext.of(List.of("0.0.0.8:9", "0.0.0.6:7", "[2001:db8::1]:0")));

        assertSameRecords(ZoneText.render(records, config, 1), resource("/states/masters-example.zone"));
        // The listener record exists (HTTP shows it) but lies outside foo.com, so the zone file leaves it out.
        assertThat(records.a()).containsEntry("ns1.mesos.", List.of("127.0.0.1"));
    }

    @Test
    void edgeCasesFromEveryRuleAndFixedQuirk() throws Exception {
        Config config = Config.builder().listener("10.0.0.53")
                .masters(List.of("10.0.0.11:5050", "10.0.0.12:5050", "10.0.0.13:5050")).build();
        MesosState state = StateParser.parse(resourceBytes("/states/edge-cases.json"));
        HostTable hosts = HostTable.of(Map.of("agent-2.example", List.of("10.0.1.2")));

        RecordSet records = new RecordBuilder(config).build(state, BuildContext.of(config.masters()).withHosts(hosts));

        assertSameRecords(ZoneText.render(records, config, 1), resource("/states/edge-cases.zone"));
        assertThat(records.skipped().counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "agent: missing id", 1,
                "agent: missing pid", 1,
                "agent: hostname did not resolve", 1,
                "task: missing id", 1,
                "task: agent not in state", 1,
                "framework: missing name", 1,
                "framework: malformed pid", 1,
                "framework: name has no usable characters", 1));
        assertThat(state.recoveredAgentIds()).containsExactly("e4b7f3a0-0001-S7");
    }

    @Test
    void zoneTextIsSortedAndDeterministicWithSoaFirst() throws Exception {
        Config config = Config.builder().listener("10.0.0.53").build();
        MesosState state = StateParser.parse(resourceBytes("/states/edge-cases.json"));
        RecordSet records = new RecordBuilder(config).build(state, BuildContext.of(List.of()));

        List<String> first = ZoneText.render(records, config, 7);
        List<String> second = ZoneText.render(new RecordBuilder(config).build(
                StateParser.parse(resourceBytes("/states/edge-cases.json")), BuildContext.of(List.of())), config, 7);

        assertThat(first).isEqualTo(second);
        assertThat(first.get(0)).isEqualTo("mesos.\t60\tIN\tSOA\tns1.mesos. root.ns1.mesos. 7 60 600 86400 60");
        assertThat(first.subList(1, first.size())).isSorted();
    }
}
