package io.lodestar.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFilterTest {

    private final AddressFilter filter = AddressFilter.parse(
            List.of("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "fd00::/8", "2001:db8::1/128", "100.64.1.128/25"));

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource({
            "10.0.0.1, true",
            "10.255.255.255, true",
            "11.0.0.1, false",
            "192.168.1.7, true",
            "192.168.1.8, false",
            "172.31.255.1, true",
            "172.32.0.1, false",
            "100.64.1.128, true",
            "100.64.1.255, true",
            "100.64.1.127, false",
            "fd12:3456::1, true",
            "fe80::1, false",
            "2001:db8::1, true",
            "2001:db8::2, false",
            // IPv4-mapped IPv6 clients (dual-stack sockets) are matched as IPv4.
            "::ffff:10.1.2.3, true",
            "::ffff:11.1.2.3, false",
            "127.0.0.1, false",
            "::1, false",
    })
    void matchesClientsAgainstTheBlocks(String client, boolean allowed) {
        assertThat(filter.allows(ip(client))).isEqualTo(allowed);
    }

    @Test
    void theDefaultAllowsEveryAddress() {
        AddressFilter all = AddressFilter.parse(List.of("0.0.0.0/0", "::/0"));
        assertThat(all.allowsEverything()).isTrue();
        assertThat(all.allows(ip("203.0.113.9"))).isTrue();
        assertThat(all.allows(ip("2001:db8::77"))).isTrue();
        assertThat(AddressFilter.parse(List.of("0.0.0.0/0")).allowsEverything()).isFalse();
        assertThat(AddressFilter.parse(List.of("0.0.0.0/0")).allows(ip("2001:db8::77"))).isFalse();
    }

    @Test
    void anEmptyListAllowsNobody() {
        AddressFilter none = AddressFilter.parse(List.of());
        assertThat(none.allows(ip("127.0.0.1"))).isFalse();
        assertThat(none.allowsEverything()).isFalse();
    }

    @Test
    void hostBitsOfABlockAreIgnored() {
        assertThat(AddressFilter.parse(List.of("10.1.2.3/8")).allows(ip("10.9.9.9"))).isTrue();
    }

    @Test
    void reportsBadEntries() {
        assertThat(AddressFilter.problem("10.0.0.0/8")).isNull();
        assertThat(AddressFilter.problem("::/0")).isNull();
        assertThat(AddressFilter.problem("10.0.0.0/33")).contains("prefix length must be 0..32");
        assertThat(AddressFilter.problem("fd00::/129")).contains("0..128");
        assertThat(AddressFilter.problem("10.0.0.0/")).contains("prefix length");
        assertThat(AddressFilter.problem("10.0.0.0/-1")).contains("prefix length");
        assertThat(AddressFilter.problem("localhost")).contains("\"localhost\" is not an IP address");
        assertThat(AddressFilter.problem("fe80::1%eth0/64")).contains("is not an IP address");
        assertThat(AddressFilter.problem("")).contains("is not an IP address");
        assertThatThrownBy(() -> AddressFilter.parse(List.of("10.0.0.0/8", "nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
