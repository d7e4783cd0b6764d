package io.lodestar.records;

import static io.lodestar.testing.ZoneAssert.assertSameRecords;
import static io.lodestar.testing.ZoneAssert.records;
import static io.lodestar.testing.ZoneAssert.resource;
import static io.lodestar.testing.ZoneAssert.resourceBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.StateParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden fixture for the features beyond Mesos-DNS (docs/naming.md): Marathon group apps, overlay-network tasks,
 * unhealthy tasks, host-network and bridge tasks, named and IP VIPs, IPv6 reverse names. Expected zones were derived
 * by hand from the documented rules.
 */
class BeyondZoneTest {

    private static final List<String> MASTERS = List.of("10.0.0.11:5050", "10.0.0.12:5050");

    static Config allOn() {
        return Config.builder().listener("10.0.0.53").masters(MASTERS).reverseLookups(true).healthyTasksOnly(true)
                .preferredNetworks(List.of("dcos", "calico")).preferredCidrs(List.of("10.0.1.0/24"))
                .dcosZones(true).dcosVips(true).build();
    }

    static RecordSet build(Config config) throws Exception {
        MesosState state = StateParser.parse(resourceBytes("/states/beyond.json"));
        return new RecordBuilder(config).build(state, BuildContext.of(MASTERS));
    }

    @Test
    void mesosDomainWithHealthFilterAndPreferredAddresses() throws Exception {
        Config config = allOn();
        RecordSet records = build(config);

        assertSameRecords(ZoneText.render(records, config, 1), resource("/states/beyond.mesos.zone"));
        assertThat(records.skipped().isEmpty()).as("skipped: %s", records.skipped()).isTrue();
    }

    @Test
    void dcosZoneWithTaskNamesVipsAndTheMirrorOfTheMesosDomain() throws Exception {
        Config config = allOn();
        RecordSet records = build(config);

        List<String> expected = new ArrayList<>(records(resource("/states/beyond.dcos.zone")));
        expected.addAll(mirror(records(resource("/states/beyond.mesos.zone"))));
        assertThat(records(ZoneText.render(records, config, "thisdcos.directory", 1)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void reverseZonesOnePerAddressInPriorityOrder() throws Exception {
        Config config = allOn();
        RecordSet records = build(config);

        assertSameRecords(ZoneText.render(records, config, "arpa.", 1), resource("/states/beyond.arpa.zone"));
        assertThat(records.ptr().get("11.0.0.10.in-addr.arpa."))
                .containsExactly("leader.mesos.", "master0.mesos.", "marathon.mesos.");
        assertThat(records.ptr().get("1.1.0.10.in-addr.arpa."))
                .containsExactly("agent-1.example.", "slave.mesos.", "web-bgzy5-s1.marathon.mesos.");
    }

    @Test
    void everyZoneAtOnceIsTheThreeFilesTogether() throws Exception {
        Config config = allOn();
        RecordSet records = build(config);

        List<String> all = records(ZoneText.render(records, config, ".", 1));

        assertThat(all).hasSize(records(ZoneText.render(records, config, 1)).size()
                + records(ZoneText.render(records, config, "thisdcos.directory.", 1)).size()
                + records(ZoneText.render(records, config, "arpa.", 1)).size());
        assertThat(all.get(0)).startsWith("mesos. 60 IN SOA");
    }

    @Test
    void capKeepsTheMostImportantNames() throws Exception {
        Config config = allOn().toBuilder().reverseMaxNames(2).build();

        RecordSet records = build(config);

        assertThat(records.ptr().get("1.1.0.10.in-addr.arpa.")).containsExactly("agent-1.example.", "slave.mesos.");
        assertThat(records.ptr().get("11.0.0.10.in-addr.arpa.")).containsExactly("leader.mesos.", "master0.mesos.");
    }

    @Test
    void withoutTheHealthFilterUnhealthyTasksArePublishedButAreNoVipBackends() throws Exception {
        Config config = allOn().toBuilder().healthyTasksOnly(false).build();

        RecordSet records = build(config);

        assertThat(records.a()).containsEntry("app-group-f8bg9-s2.marathon.mesos.", List.of("9.0.0.2"));
        assertThat(records.aaaa()).containsEntry("db-1qehy-s2.marathon.mesos.", List.of("fd00:9::5"));
        assertThat(records.a()).containsEntry("app-group.marathon.mesos.", List.of("9.0.0.1", "9.0.0.2"));
        // DC/OS publishes names for every running task, but balances only over healthy ones.
        assertThat(records.a()).containsEntry("app-group.marathon.containerip.dcos.thisdcos.directory.",
                List.of("9.0.0.1", "9.0.0.2"));
        assertThat(records.a()).containsEntry("app-group.marathon.l4lb.thisdcos.directory.", List.of("9.0.0.1"));
        assertThat(records.srv().get("_app-group._tcp.marathon.l4lb.thisdcos.directory.")).hasSize(1);
        assertThat(records.ptr()).containsKey("5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.0.0.0.0.0.d.f.ip6.arpa.");
    }

    @Test
    void everyFeatureOffIsMesosDnsAlone() throws Exception {
        Config config = Config.builder().listener("10.0.0.53").masters(MASTERS).build();

        RecordSet records = build(config);

        assertThat(records.ptr()).isEmpty();
        assertThat(records.a().keySet()).allMatch(name -> name.endsWith(".mesos."));
        assertThat(records.srv().keySet()).allMatch(name -> name.endsWith(".mesos."));
        assertThat(ZoneText.render(records, config, ".", 1)).isEqualTo(ZoneText.render(records, config, 1));
        // IP sources alone: the bridge address, and the unhealthy instance.
        assertThat(records.a()).containsEntry("web.marathon.mesos.", List.of("172.17.0.2"));
        assertThat(records.a()).containsKey("app-group-f8bg9-s2.marathon.mesos.");
    }

    /** The mirror rule: every record of the Mesos domain, owner and in-domain SRV target moved under the mirror. */
    private static List<String> mirror(List<String> mesosZone) {
        List<String> out = new ArrayList<>();
        for (String line : mesosZone) {
            String[] f = line.split(" ");
            if (f[3].equals("SOA") || f[3].equals("NS")) {
                continue;
            }
            f[0] = moved(f[0]);
            if (f[3].equals("SRV")) {
                f[7] = moved(f[7]);
            }
            out.add(String.join(" ", f));
        }
        return out;
    }

    private static String moved(String name) {
        return name.endsWith(".mesos.") ? name.substring(0, name.length() - "mesos.".length())
                + "mesos.thisdcos.directory." : name;
    }
}
