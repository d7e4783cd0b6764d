package io.lodestar.config;

import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty {@code resolvers} list is filled from resolv.conf, without this machine's own addresses. */
class ResolvConfFallbackTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Config parse(String json, Path resolvConf, List<InetAddress> local) throws ConfigException {
        Supplier<List<InetAddress>> addresses = () -> local;
        return ConfigLoader.parse(json, dir.resolve("config.json"), new Environment(resolvConf, addresses),
                warnings::add);
    }

    private Path resolvConf(String text) throws Exception {
        return Files.writeString(dir.resolve("resolv.conf"), text);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: no lookup
    }

    @Test
    void nameserversOtherThanLocalAddressesAreUsed() throws Exception {
        Path file = resolvConf("""
                # written by hand
                search example.com
                nameserver 10.0.0.53
                nameserver 127.0.0.1
                nameserver\t192.168.1.10
                nameserver ::1
                ; nameserver 10.9.9.9
                nameserver 2001:db8::53
                nameserver 0:0:0:0:0:0:0:1
                options ndots:2
                """);
        Config config = parse(withMaster("\"resolvers\":[]"), file,
                List.of(ip("127.0.0.1"), ip("::1"), ip("192.168.1.10")));
        assertThat(config.resolvers()).containsExactly("10.0.0.53", "2001:db8::53");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aNullResolversListFallsBackToo() throws Exception {
        Config config = parse(withMaster("\"resolvers\":null"), resolvConf("nameserver 10.0.0.53\n"), List.of());
        assertThat(config.resolvers()).containsExactly("10.0.0.53");
    }

    @Test
    void onlyLocalNameserversLeaveAnEmptyListAndAWarning() throws Exception {
        Path file = resolvConf("nameserver 127.0.0.1\n");
        Config config = parse(withMaster("\"resolvers\":[]"), file, List.of(ip("127.0.0.1")));
        assertThat(config.resolvers()).isEmpty();
        assertThat(warnings).containsExactly("resolvers: " + file + " names no nameserver other than this machine;"
                + " queries outside the Mesos domain will be refused");
    }

    @Test
    void fallbackNameserversAreValidatedLikeConfiguredOnes() throws Exception {
        Path file = resolvConf("nameserver fe80::1%eth0\n");
        assertThatThrownBy(() -> parse(withMaster("\"resolvers\":[]"), file, List.of()))
                .hasMessage("resolvers: illegal ip specified: fe80::1%eth0 (expected an IP or IP:port, e.g. 8.8.8.8,"
                        + " 8.8.8.8:53, 2001:db8::1 or [2001:db8::1]:53)");
    }

    @Test
    void anUnreadableResolvConfIsAnError() {
        Path missing = dir.resolve("no-such-resolv.conf");
        assertThatThrownBy(() -> parse(withMaster("\"resolvers\":[]"), missing, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("resolvers: resolvers is empty and " + missing + " cannot be read: no such file or"
                        + " directory (expected a readable resolv.conf, or resolvers in the config)");
    }

    @Test
    void resolvConfIsNotReadWhenResolversAreConfiguredOrForwardingIsOff() throws Exception {
        Path missing = dir.resolve("no-such-resolv.conf");
        assertThat(parse(withMaster("\"resolvers\":[\"9.9.9.9\"]"), missing, List.of()).resolvers())
                .containsExactly("9.9.9.9");
        assertThat(parse(withMaster("\"resolvers\":[],\"externalon\":false"), missing, List.of()).resolvers())
                .isEmpty();
    }
}
