package io.lodestar.config;

import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of the features beyond Mesos-DNS (issue 10): defaults, reading, and the checks. */
class BeyondConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyFeatureIsOffByDefault() throws ConfigException {
        Config config = parse(dir, TestConfigs.MINIMAL);

        assertThat(config.reverseLookups()).isFalse();
        assertThat(config.reverseMaxNames()).isEqualTo(8);
        assertThat(config.healthyTasksOnly()).isFalse();
        assertThat(config.preferredNetworks()).isEmpty();
        assertThat(config.preferredCidrs()).isEmpty();
        assertThat(config.dcosZones()).isFalse();
        assertThat(config.dcosVips()).isFalse();
    }

    @Test
    void keysAreRead() throws ConfigException {
        Config config = parse(dir, withMaster("\"reverseLookups\":true,\"reverseMaxNames\":3,"
                + "\"healthyTasksOnly\":true,\"preferredNetworks\":[\"dcos\"],"
                + "\"preferredCidrs\":[\"10.0.0.0/8\",\"fd00::/8\",\"192.0.2.7\"],\"dcosZones\":true,\"dcosVips\":true"));

        assertThat(config.reverseLookups()).isTrue();
        assertThat(config.reverseMaxNames()).isEqualTo(3);
        assertThat(config.healthyTasksOnly()).isTrue();
        assertThat(config.preferredNetworks()).containsExactly("dcos");
        assertThat(config.preferredCidrs()).containsExactly("10.0.0.0/8", "fd00::/8", "192.0.2.7");
        assertThat(config.dcosZones()).isTrue();
        assertThat(config.dcosVips()).isTrue();
        assertThat(config.toBuilder().build().preferredCidrs()).isEqualTo(config.preferredCidrs());
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThat(failure(dir, withMaster("\"preferredCidrs\":[\"10.0.0.0/33\"]")))
                .hasMessage("preferredCidrs: \"10.0.0.0/33\" is not a CIDR block"
                        + " (expected an IP address or a block such as 10.0.0.0/8 or fd00::/8)");
        assertThat(failure(dir, withMaster("\"preferredCidrs\":[\"example.com\"]")).key()).isEqualTo("preferredCidrs");
        assertThat(failure(dir, withMaster("\"preferredNetworks\":[\"\"]")).key()).isEqualTo("preferredNetworks");
        assertThat(failure(dir, withMaster("\"reverseMaxNames\":0")))
                .hasMessage("reverseMaxNames: 0 is not allowed (expected a whole number 1..64)");
    }

    @Test
    void theDomainMustStayOutOfTheZonesTheFeaturesServe() {
        assertThat(failure(dir, withMaster("\"dcosZones\":true,\"domain\":\"thisdcos.directory\"")))
                .hasMessage("domain: thisdcos.directory overlaps thisdcos.directory, which Lodestar serves when"
                        + " dcosZones or dcosVips is on (expected a domain outside it, e.g. mesos)");
        assertThat(failure(dir, withMaster("\"dcosVips\":true,\"domain\":\"directory\"")).key()).isEqualTo("domain");
        assertThat(failure(dir, withMaster("\"reverseLookups\":true,\"domain\":\"10.in-addr.arpa\"")).key())
                .isEqualTo("domain");
        assertThat(failure(dir, withMaster("\"dcosZones\":true,\"zoneResolvers\":{\"l4lb.thisdcos.directory\":"
                + "[\"10.0.0.1\"]}")).key()).isEqualTo("zoneResolvers");
    }

    @Test
    void withTheFeaturesOffThoseNamesAreFine() throws ConfigException {
        assertThat(parse(dir, withMaster("\"domain\":\"thisdcos.directory\"")).domain())
                .isEqualTo("thisdcos.directory");
        assertThat(parse(dir, withMaster("\"reverseLookups\":true,\"domain\":\"cluster.example\"")).reverseLookups())
                .isTrue();
    }

    @Test
    void cidrBlocks() {
        CidrBlock v4 = CidrBlock.parse("10.0.1.77/24");
        assertThat(v4.toString()).isEqualTo("10.0.1.0/24");
        assertThat(v4.contains(new byte[] {10, 0, 1, (byte) 200})).isTrue();
        assertThat(v4.contains(new byte[] {10, 0, 2, 1})).isFalse();
        assertThat(CidrBlock.parse("10.0.0.0/0").contains(new byte[] {(byte) 192, 0, 2, 1})).isTrue();
        assertThat(CidrBlock.parse("192.0.2.7").prefix()).isEqualTo(32);
        assertThat(CidrBlock.parse("fd00::/8").contains(new byte[16])).isFalse();
        byte[] fd = new byte[16];
        fd[0] = (byte) 0xfd;
        assertThat(CidrBlock.parse("fd00::/8").contains(fd)).isTrue();
        assertThat(CidrBlock.parse("fd00::/8").contains(new byte[] {(byte) 0xfd, 0, 0, 0})).isFalse();
        for (String bad : List.of("", "/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/129", "[::1]/64", "fe80::1%eth0/64",
                "host/8", "::/129")) {
            assertThat(CidrBlock.parse(bad)).as(bad).isNull();
        }
    }
}
