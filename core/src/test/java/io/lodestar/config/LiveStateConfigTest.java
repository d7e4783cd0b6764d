package io.lodestar.config;

import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of the live-state pipeline (issue 4): defaults, values and their checks. */
class LiveStateConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsPollAndHoldRecoveredAgentsTenMinutes() throws ConfigException {
        Config c = TestConfigs.parse(dir, TestConfigs.MINIMAL);
        assertThat(c.stateSource()).isEqualTo("poll");
        assertThat(c.streamCoalesceMillis()).isEqualTo(250);
        assertThat(c.streamReconcileSeconds()).isEqualTo(300);
        assertThat(c.recoveredAgentGraceSeconds()).isEqualTo(600);
        assertThat(c.mesosHttpsInsecure()).isFalse();
        assertThat(Config.defaults().toBuilder().build().stateSource()).isEqualTo("poll");
    }

    @Test
    void everyKeyIsReadInAnyCase() throws ConfigException {
        Config c = TestConfigs.parse(dir, withMaster("\"StateSource\":\"stream\",\"streamcoalescemillis\":100,"
                + "\"streamReconcileSeconds\":0,\"recoveredAgentGraceSeconds\":30,\"mesosHttpsInsecure\":true"));
        assertThat(c.stateSource()).isEqualTo("stream");
        assertThat(c.streamCoalesceMillis()).isEqualTo(100);
        assertThat(c.streamReconcileSeconds()).isZero();
        assertThat(c.recoveredAgentGraceSeconds()).isEqualTo(30);
        assertThat(c.mesosHttpsInsecure()).isTrue();
        assertThat(c.toBuilder().build().streamCoalesceMillis()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"stateSource\":\"push\"         | stateSource: \"push\" is not a state source (expected \"poll\" or \"stream\")",
            "\"stateSource\":\"Stream\"       | stateSource: \"Stream\" is not a state source (expected \"poll\" or \"stream\")",
            "\"streamCoalesceMillis\":0       | streamCoalesceMillis: 0 is not allowed (expected a whole number 1..60000)",
            "\"recoveredAgentGraceSeconds\":-1 | recoveredAgentGraceSeconds: -1 is not allowed (expected a whole number >= 0)",
    })
    void badValuesAreRejectedNamingTheKey(String json, String message) {
        assertThat(TestConfigs.failure(dir, withMaster(json))).hasMessage(message);
    }
}
