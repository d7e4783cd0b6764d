package io.lodestar.records;

import static io.lodestar.testing.ZoneAssert.resourceBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.mesos.StateParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnumerationTest {

    private RecordSet build() throws Exception {
        Config config = Config.builder().listener("10.0.0.53").build();
        return new RecordBuilder(config).build(StateParser.parse(resourceBytes("/states/edge-cases.json")),
                BuildContext.of(List.of()).withHosts(HostTable.of(Map.of("agent-2.example", List.of("10.0.1.2")))));
    }

    @Test
    void everyFrameworkInStateOrderWithItsEligibleTasksAndRawNames() throws Exception {
        RecordSet records = build();
        assertThat(records.enumeration()).extracting(RecordSet.EnumFramework::name)
                .containsExactly("marathon", "spark.prod", "Marathon", "___", "chronos");
        assertThat(records.enumeration().get(0).tasks()).extracting(RecordSet.EnumTask::id)
                .containsExactly("search.0001", "search.0002", "stack_api.0003", "web.0006", "long.0007", "batch.0008",
                        "cron.0009");
        assertThat(records.enumeration().get(1).tasks().get(0).name()).isEqualTo("Driver_1");
        assertThat(records.enumeration().get(4).tasks()).isEmpty(); // [] not null (QUIRK 16)
    }

    @Test
    void aTaskListsOnlyTheRecordsItAddedInInsertionOrder() throws Exception {
        RecordSet records = build();
        RecordSet.EnumTask first = records.enumeration().get(0).tasks().get(0);
        assertThat(first.records()).containsExactly(
                new RecordSet.EnumRecord("search.marathon.mesos.", "9.0.0.1", "A"),
                new RecordSet.EnumRecord("search-nx4sx-s1.marathon.mesos.", "9.0.0.1", "A"),
                new RecordSet.EnumRecord("search.marathon.slave.mesos.", "10.0.1.1", "A"),
                new RecordSet.EnumRecord("search-nx4sx-s1.marathon.slave.mesos.", "10.0.1.1", "A"),
                new RecordSet.EnumRecord("_search._tcp.marathon.slave.mesos.", "search-nx4sx-s1.marathon.slave.mesos.:31000", "SRV"),
                new RecordSet.EnumRecord("_search._udp.marathon.slave.mesos.", "search-nx4sx-s1.marathon.slave.mesos.:31000", "SRV"),
                new RecordSet.EnumRecord("_search._tcp.marathon.mesos.", "search-nx4sx-s1.marathon.slave.mesos.:31000", "SRV"),
                new RecordSet.EnumRecord("_search._udp.marathon.mesos.", "search-nx4sx-s1.marathon.slave.mesos.:31000", "SRV"));
        // search.0011 (framework "Marathon") shares search.marathon.slave.mesos. -> 10.0.1.1 with search.0001,
        // so that record is not listed again (upstream behaviour kept).
        RecordSet.EnumTask later = records.enumeration().get(2).tasks().get(0);
        assertThat(later.records()).extracting(RecordSet.EnumRecord::name)
                .doesNotContain("search.marathon.slave.mesos.")
                .contains("search-8wbha-s1.marathon.slave.mesos.");
    }

    @Test
    void sameRecordsIgnoresOrderAndNoticesAChange() throws Exception {
        RecordSet a = build();
        RecordSet b = build();
        assertThat(a.sameRecords(b)).isTrue();
        RecordSet c = RecordSet.builder().addA("x.mesos.", "1.2.3.4").build();
        assertThat(a.sameRecords(c)).isFalse();
    }
}
