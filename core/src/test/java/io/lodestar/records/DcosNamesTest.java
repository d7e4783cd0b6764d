package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dcos-net's name mangling, with the vectors of its own {@code mesos_state} tests and the Marathon path rule. */
class DcosNamesTest {

    @ParameterizedTest(name = "label({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            // from dcos/mesos_state remap_test
            "fd%gsf---gs7-f$gs--d7fddg-123|fdgsf---gs7-fgs--d7fddg-123",
            "4abc123|4abc123",
            "##fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789-"
                    + "|fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789",
            "fd%gsf---gs7-f$gs--d7fddg123456789012345678901234567890123456789-123"
                    + "|fdgsf---gs7-fgs--d7fddg1234567890123456789012345678901234567891",
            "-4abc123|4abc123",
            "89fdgsf---gs7-fgs--d7fddg-|89fdgsf---gs7-fgs--d7fddg",
            "0-0|0-0",
            // the rules: lowercase, _ and . to -, anything else outside [a-z0-9-] dropped
            "My_App.v2|my-app-v2",
            "Driver_1|driver-1",
            "spark.prod|spark-prod",
            "app.group|app-group",
            "___|''",
    })
    void label(String in, String out) {
        assertThat(DcosNames.label(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "name({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "/group/app|app-group",
            "/a/b/c|c-b-a",
            "/web|web",
            "app.group|app-group",
            "web|web",
            "/My_Group/API|api-my-group",
    })
    void marathonPathsBecomeTheTaskNameMarathonGives(String in, String out) {
        assertThat(DcosNames.name(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "domainFrag({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "/group/app|groupapp",
            "/foo|foo",
            "my.vip|my.vip",
            "spark.prod|spark.prod",
            "a..b|a.b",
            "_x.__|x",
    })
    void domainFragKeepsDotsAndDropsSlashes(String in, String out) {
        assertThat(DcosNames.domainFrag(in)).isEqualTo(out);
    }
}
