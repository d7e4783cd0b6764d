package io.lodestar.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "8.8.8.8, 8.8.8.8, 53",
            "8.8.8.8:5353, 8.8.8.8, 5353",
            "2001:db8::1, 2001:db8:0:0:0:0:0:1, 53",
            "[2001:db8::1]:54, 2001:db8:0:0:0:0:0:1, 54",
            "[::1]:53, 0:0:0:0:0:0:0:1, 53",
            "127.0.0.1:01053, 127.0.0.1, 1053",
    })
    void readsResolverEntries(String entry, String ip, int port) {
        InetSocketAddress a = UpstreamAddress.parse(entry);
        assertThat(a.isUnresolved()).isFalse();
        assertThat(a.getAddress().getHostAddress()).isEqualTo(ip);
        assertThat(a.getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"dns.google", "8.8.8.8:0", "8.8.8.8:65536", "8.8.8.8:x", "[2001:db8::1]", "[::1]54", ""})
    void rejectsWhatIsNotAnIpAndPort(String entry) {
        assertThatThrownBy(() -> UpstreamAddress.parse(entry)).isInstanceOf(IllegalArgumentException.class);
    }
}
