package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which zones Lodestar serves, and the reverse names of addresses. */
class ZonesTest {

    @Test
    void reverseNamesOfIpv4AndIpv6() {
        assertThat(Zones.reverseName(IpLiteral.parse("10.0.1.2"))).isEqualTo("2.1.0.10.in-addr.arpa.");
        assertThat(Zones.reverseName(IpLiteral.parse("::ffff:192.0.2.7"))).isEqualTo("7.2.0.192.in-addr.arpa.");
        assertThat(Zones.reverseName(IpLiteral.parse("2001:db8::567:89ab")))
                .isEqualTo("b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
    }

    @Test
    void onlyWholeAddressesAreReverseApexes() {
        assertThat(Zones.isReverseName("2.1.0.10.in-addr.arpa.")).isTrue();
        assertThat(Zones.isReverseName("1.0.10.in-addr.arpa.")).isFalse();
        assertThat(Zones.isReverseName("x.2.1.0.10.in-addr.arpa.")).isFalse();
        assertThat(Zones.isReverseName(Zones.reverseName(IpLiteral.parse("fd00::1")))).isTrue();
        assertThat(Zones.isReverseName("2.1.0.10.ip6.arpa.")).isFalse();
    }

    @Test
    void forwardZonesAreTheDomainThenDcosWhenEitherDcosKeyIsOn() {
        assertThat(Zones.forward(Config.defaults())).containsExactly("mesos.");
        assertThat(Zones.forward(Config.builder().domain("dc1.example").dcosVips(true).build()))
                .containsExactly("dc1.example.", "thisdcos.directory.");
        assertThat(Zones.forward(Config.builder().dcosZones(true).build()))
                .isEqualTo(List.of("mesos.", "thisdcos.directory."));
    }
}
