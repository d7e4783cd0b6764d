package io.lodestar.config;

import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of the hardening (issue 9): defaults, reading, and the range checks. */
class HardeningConfigTest {
    @TempDir
    Path dir;

    @Test
    void rateLimitingIsOffByDefaultAndTheCapsHaveTheirDefaults() throws ConfigException {
        Config config = parse(dir, TestConfigs.MINIMAL);

        assertThat(config.rrlResponsesPerSecond()).isZero();
        assertThat(config.rrlWindowSeconds()).isEqualTo(15);
        assertThat(config.rrlSlip()).isEqualTo(2);
        assertThat(config.rrlIpv4PrefixLength()).isEqualTo(24);
        assertThat(config.rrlIpv6PrefixLength()).isEqualTo(56);
        assertThat(config.stateMaxBytes()).isEqualTo(256 << 20);
        assertThat(config.streamMaxRecordBytes()).isEqualTo(256 << 20);
        assertThat(config.httpMaxConnections()).isEqualTo(256);
        assertThat(config.httpMaxRequestBytes()).isEqualTo(8192);
        assertThat(config.httpApiToken()).isEmpty();
    }

    @Test
    void theHttpKeysAreReadAndTheTokenNeverShows() throws ConfigException {
        Config config = parse(dir, withMaster("\"httpMaxConnections\":8,\"httpMaxRequestBytes\":4096,"
                + "\"httpApiToken\":\"tok-3n-Secret\""));

        assertThat(config.httpMaxConnections()).isEqualTo(8);
        assertThat(config.httpMaxRequestBytes()).isEqualTo(4096);
        assertThat(config.httpApiToken()).isEqualTo("tok-3n-Secret");
        assertThat(config.toBuilder().build().httpApiToken()).isEqualTo("tok-3n-Secret");
        assertThat(config.toString()).doesNotContain("tok-3n-Secret");
        assertThat(failure(dir, withMaster("\"httpApiToken\":987654321"))).hasMessage("httpApiToken: wrong type:"
                + " got a number (expected a string; the value is not shown: it is a secret)");
        assertThat(failure(dir, "{\"masters\":[\"10.0.0.1:5050\"],\"httpApiToken\": tok-3n-Secret}").getMessage())
                .contains("httpApiToken (details hidden: it holds a secret)").doesNotContain("tok-3n");
        assertThat(failure(dir, "{\"masters\":[\"10.0.0.1:5050\"],\"mesosCredentials\": s3cr3t-Unquoted}")
                .getMessage()).contains("mesosCredentials (details hidden: it holds a secret)")
                .doesNotContain("s3cr3t");
        assertThat(failure(dir, withMaster("\"httpMaxRequestBytes\":100")).key()).isEqualTo("httpMaxRequestBytes");
        assertThat(failure(dir, withMaster("\"httpMaxConnections\":0")).key()).isEqualTo("httpMaxConnections");
    }

    @Test
    void keysAreRead() throws ConfigException {
        Config config = parse(dir, withMaster("\"rrlResponsesPerSecond\":50,\"rrlWindowSeconds\":5,\"rrlSlip\":0,"
                + "\"rrlIpv4PrefixLength\":32,\"rrlIpv6PrefixLength\":64,\"stateMaxBytes\":1048576,"
                + "\"streamMaxRecordBytes\":2097152"));

        assertThat(config.rrlResponsesPerSecond()).isEqualTo(50);
        assertThat(config.rrlWindowSeconds()).isEqualTo(5);
        assertThat(config.rrlSlip()).isZero();
        assertThat(config.rrlIpv4PrefixLength()).isEqualTo(32);
        assertThat(config.rrlIpv6PrefixLength()).isEqualTo(64);
        assertThat(config.stateMaxBytes()).isEqualTo(1 << 20);
        assertThat(config.streamMaxRecordBytes()).isEqualTo(2 << 20);
        Config copy = config.toBuilder().build();
        assertThat(copy.rrlResponsesPerSecond()).isEqualTo(50);
        assertThat(copy.stateMaxBytes()).isEqualTo(1 << 20);
        assertThat(copy.streamMaxRecordBytes()).isEqualTo(2 << 20);
    }

    @Test
    void valuesOutOfRangeFailNamingTheKey() {
        assertThat(failure(dir, withMaster("\"rrlResponsesPerSecond\":-1")))
                .hasMessage("rrlResponsesPerSecond: -1 is not allowed (expected a whole number 0..100000)");
        assertThat(failure(dir, withMaster("\"rrlWindowSeconds\":0")).key()).isEqualTo("rrlWindowSeconds");
        assertThat(failure(dir, withMaster("\"rrlSlip\":11")).key()).isEqualTo("rrlSlip");
        assertThat(failure(dir, withMaster("\"rrlIpv4PrefixLength\":33")).key()).isEqualTo("rrlIpv4PrefixLength");
        assertThat(failure(dir, withMaster("\"rrlIpv6PrefixLength\":128")).key()).isEqualTo("rrlIpv6PrefixLength");
        assertThat(failure(dir, withMaster("\"stateMaxBytes\":1000"))).hasMessage(
                "stateMaxBytes: 1000 is not allowed (expected a whole number >= 65536)");
        assertThat(failure(dir, withMaster("\"streamMaxRecordBytes\":0")).key()).isEqualTo("streamMaxRecordBytes");
    }
}
