package io.lodestar.config;

import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forwarding keys of issue 5: defaults, accepted values and the one-line errors. */
class ForwardingConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAllowEveryClientTimeOutPerTimeoutCapInFlightAndCacheNothing() throws ConfigException {
        Config config = parse(dir, TestConfigs.MINIMAL);
        assertThat(config.allowRecursion()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(config.forwardTimeoutSeconds()).isZero();
        assertThat(config.forwardTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.forwardMaxInFlight()).isEqualTo(10_000);
        assertThat(config.forwardCacheEntries()).isZero();
        assertThat(Config.defaults().forwardTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theForwardTimeoutFollowsTimeoutUnlessSetItself() throws ConfigException {
        assertThat(parse(dir, withMaster("\"timeout\":2")).forwardTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse(dir, withMaster("\"timeout\":2,\"forwardTimeoutSeconds\":0.25")).forwardTimeout())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(parse(dir, withMaster("\"forwardTimeoutSeconds\":3")).forwardTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(parse(dir, withMaster("\"forwardTimeoutSeconds\":0.0000001")).forwardTimeout())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void acceptsCidrsAndAddresses() throws ConfigException {
        Config config = parse(dir, withMaster("\"allowRecursion\":[\"10.0.0.0/8\",\"127.0.0.1\",\"fd00::/8\"],"
                + "\"forwardMaxInFlight\":5,\"forwardCacheEntries\":1000"));
        assertThat(config.allowRecursion()).containsExactly("10.0.0.0/8", "127.0.0.1", "fd00::/8");
        assertThat(config.forwardMaxInFlight()).isEqualTo(5);
        assertThat(config.forwardCacheEntries()).isEqualTo(1000);
        assertThat(parse(dir, withMaster("\"allowRecursion\":[]")).allowRecursion()).isEmpty();
        assertThat(parse(dir, withMaster("\"allowRecursion\":null")).allowRecursion()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"allowRecursion\":[\"10.0.0.0/33\"] | allowRecursion | allowRecursion: illegal CIDR \"10.0.0.0/33\":"
                    + " prefix length must be 0..32 (expected IP addresses or CIDR blocks such as 10.0.0.0/8,"
                    + " 127.0.0.1 or fd00::/8)",
            "\"allowRecursion\":[\"lan\"] | allowRecursion | allowRecursion: illegal CIDR \"lan\": \"lan\" is not an IP"
                    + " address (expected IP addresses or CIDR blocks such as 10.0.0.0/8, 127.0.0.1 or fd00::/8)",
            "\"allowRecursion\":\"10.0.0.0/8\" | allowRecursion | allowRecursion: wrong type: \"10.0.0.0/8\" is a"
                    + " string (expected a list of strings)",
            "\"forwardTimeoutSeconds\":-0.5 | forwardTimeoutSeconds | forwardTimeoutSeconds: -0.5 is not allowed"
                    + " (expected a number 0..3600)",
            "\"forwardTimeoutSeconds\":\"1\" | forwardTimeoutSeconds | forwardTimeoutSeconds: wrong type: \"1\" is a"
                    + " string (expected a number)",
            "\"forwardMaxInFlight\":0 | forwardMaxInFlight | forwardMaxInFlight: 0 is not allowed (expected a whole"
                    + " number > 0)",
            "\"forwardCacheEntries\":-1 | forwardCacheEntries | forwardCacheEntries: -1 is not allowed (expected a"
                    + " whole number 0..10000000)",
    })
    void badValuesFailWithOneLineNamingTheKey(String json, String key, String message) {
        assertThat(failure(dir, withMaster(json))).hasMessage(message).extracting(ConfigException::key)
                .isEqualTo(key);
    }
}
