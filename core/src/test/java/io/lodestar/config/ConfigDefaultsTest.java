package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config naming only a master gets every Mesos-DNS default (spec 2.2) and every Lodestar default. */
class ConfigDefaultsTest {
    @TempDir
    Path dir;

    private Config config;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void load() throws ConfigException {
        config = TestConfigs.parse(dir, TestConfigs.MINIMAL, warnings);
    }

    @Test
    void numbersHaveUpstreamDefaults() {
        assertThat(config.refreshSeconds()).isEqualTo(60);
        assertThat(config.port()).isEqualTo(53);
        assertThat(config.timeout()).isEqualTo(5);
        assertThat(config.stateTimeoutSeconds()).isEqualTo(300);
        assertThat(config.zkDetectionTimeout()).isEqualTo(30);
        assertThat(config.httpPort()).isEqualTo(8123);
        assertThat(config.ttl()).isEqualTo(60);
        assertThat(config.srvRecordDefaultWeight()).isEqualTo(1);
    }

    @Test
    void soaFieldsHaveUpstreamDefaultsAndNamesEndInADot() {
        assertThat(config.soaRefresh()).isEqualTo(60);
        assertThat(config.soaRetry()).isEqualTo(600);
        assertThat(config.soaExpire()).isEqualTo(86400);
        assertThat(config.soaMinttl()).isEqualTo(60);
        assertThat(config.soaMname()).isEqualTo("ns1.mesos.");
        assertThat(config.soaRname()).isEqualTo("root.ns1.mesos.");
    }

    @Test
    void listsAndStringsHaveUpstreamDefaults() {
        assertThat(config.masters()).containsExactly("10.0.0.1:5050");
        assertThat(config.zoneResolvers()).isEmpty();
        assertThat(config.resolvers()).containsExactly("8.8.8.8");
        assertThat(config.ipSources()).containsExactly("netinfo", "mesos", "host");
        assertThat(config.zk()).isEmpty();
        assertThat(config.domain()).isEqualTo("mesos");
        assertThat(config.domainFqdn()).isEqualTo("mesos.");
        assertThat(config.listener()).isEqualTo("0.0.0.0");
        assertThat(config.httpListener()).isEqualTo("0.0.0.0");
    }

    @Test
    void switchesHaveUpstreamDefaults() {
        assertThat(config.recurseOn()).isTrue();
        assertThat(config.dnsOn()).isTrue();
        assertThat(config.httpOn()).isTrue();
        assertThat(config.externalOn()).isTrue();
        assertThat(config.enforceRfc952()).isFalse();
        assertThat(config.setTruncateBit()).isTrue();
        assertThat(config.enumerationOn()).isTrue();
        assertThat(config.mesosHttpsOn()).isFalse();
    }

    @Test
    void tlsAndAuthenticationAreOff() {
        assertThat(config.caCertFile()).isEmpty();
        assertThat(config.certFile()).isEmpty();
        assertThat(config.keyFile()).isEmpty();
        assertThat(config.mesosCredentials()).isEqualTo(Config.Credentials.NONE);
        assertThat(config.iamConfigFile()).isEmpty();
        assertThat(config.mesosAuthentication()).isEmpty();
    }

    @Test
    void lodestarKeysHaveTheirDefaults() {
        assertThat(config.stateFile()).isEmpty();
        assertThat(config.udpMaxResponseSize()).isEqualTo(1232);
        assertThat(config.tcpIdleTimeoutSeconds()).isEqualTo(10);
        assertThat(config.tcpMaxConnections()).isEqualTo(1024);
        assertThat(config.tcpMaxQueriesPerConnection()).isEqualTo(64);
        assertThat(config.servfailBeforeReady()).isFalse();
        assertThat(config.readyStalenessSeconds()).as("3 x refreshSeconds").isEqualTo(180);
    }

    @Test
    void fileIsTheAbsolutePathGiven() {
        assertThat(config.file()).isEqualTo(dir.resolve("config.json").toAbsolutePath().toString());
    }

    @Test
    void aValidConfigGivesNoWarning() {
        assertThat(warnings).isEmpty();
    }

    @Test
    void loadedDefaultsEqualTheBuilderDefaults() {
        Config defaults = Config.defaults();
        assertThat(config.toBuilder().masters(List.of()).file("").build()).usingRecursiveComparison()
                .isEqualTo(defaults);
    }
}
