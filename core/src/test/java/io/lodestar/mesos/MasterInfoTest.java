package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasterInfoTest {

    private static MasterInfo parse(String json) throws StateException {
        return MasterInfo.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** MasterInfo as Mesos 1.x writes it into json.info_ nodes. */
    @Test
    void aRealMasterInfoGivesTheAddressAndPid() throws Exception {
        MasterInfo info = parse("""
                {"address":{"hostname":"m1.example","ip":"10.0.0.11","port":5050},"hostname":"m1.example",
                 "id":"8d2b4d3c-0c3d-4b6a-9f1e-1b0a6c5a7f01","ip":184549386,"pid":"master@10.0.0.11:5050",
                 "port":5050,"version":"1.11.0","domain":{"fault_domain":{"region":{"name":"r"},"zone":{"name":"z"}}}}
                """);
        assertThat(info).isEqualTo(new MasterInfo("8d2b4d3c-0c3d-4b6a-9f1e-1b0a6c5a7f01", "10.0.0.11:5050",
                "master@10.0.0.11:5050"));
        assertThat(info.leaderPid()).isEqualTo("master@10.0.0.11:5050");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // spec 3.3 examples: the legacy ip is in host (little-endian) byte order
            "{\"ip\": 16843009}                                          | 1.1.1.1:5050",
            "{\"ip\": 16843009, \"port\": 1234}                          | 1.1.1.1:1234",
            "{\"ip\": 184549386, \"port\": 5050}                         | 10.0.0.11:5050",
            "{\"address\": {\"ip\": \"2001:db8::1\", \"port\": 5050}}    | [2001:db8::1]:5050",
            // Lodestar's fallbacks where mesos-go gives ':5050' or 'host:0' (QUIRK 6)
            "{\"address\": {\"hostname\": \"m1\", \"port\": 5050}}       | m1:5050",
            "{\"address\": {\"ip\": \"10.0.0.1\"}}                       | 10.0.0.1:5050",
            "{\"address\": {\"port\": 5051}, \"ip\": 16843009}           | 1.1.1.1:5051",
            "{\"hostname\": \"m2\", \"port\": 5052}                      | m2:5052",
            "{\"port\": 1234}                                            | ''",
            "{}                                                          | ''",
    })
    void theAddressFollowsMesosGoWithFallbacks(String json, String address) throws Exception {
        assertThat(parse(json).address()).isEqualTo(address);
    }

    @Test
    void withoutAPidTheLeaderIsNamedFromTheAddress() throws Exception {
        assertThat(parse("{\"address\": {\"ip\": \"10.0.0.1\", \"port\": 5050}}").leaderPid())
                .isEqualTo("master@10.0.0.1:5050");
        assertThat(parse("{}").leaderPid()).isEmpty();
    }

    @Test
    void dataThatIsNotAJsonObjectFails() {
        assertThatThrownBy(() -> parse("\u0008\u0001binary protobuf")).isInstanceOf(StateException.class);
        assertThatThrownBy(() -> parse("[1]")).hasMessage("MasterInfo is not a JSON object");
    }

    @Test
    void theLeaderIsTheJsonNodeWithTheLowestSequence() {
        List<String> children = List.of("log_replicas", "json.info_0000000012", "info_0000000003",
                "json.info_0000000010", "json.info_x", "json.info_0000000011");
        assertThat(MasterElection.contenders(children))
                .containsExactly("json.info_0000000010", "json.info_0000000011", "json.info_0000000012");
        assertThat(MasterElection.binaryOnly(children)).isFalse();
        assertThat(MasterElection.binaryOnly(List.of("info_0000000001", "log_replicas"))).isTrue();
        assertThat(MasterElection.contenders(List.of())).isEmpty();
    }

    @Test
    void sequencesAreUnsignedSoAWrappedCounterSortsLast() {
        assertThat(MasterElection.contenders(List.of("json.info_-000000001", "json.info_2147483647")))
                .containsExactly("json.info_2147483647", "json.info_-000000001");
    }

    /** Found by MasterInfoFuzzTest: a host that is neither an IP literal nor a name went into the URL as it was. */
    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"address\": {\"ip\": \"2001:db8::!\", \"port\": 5050}}                               | ''",
            "{\"address\": {\"ip\": \"10.0.0.1/x?y\", \"hostname\": \"m1\", \"port\": 5050}}       | m1:5050",
            "{\"address\": {\"ip\": \"fe80::1%eth0\", \"port\": 5050}, \"ip\": 16843009}          | 1.1.1.1:5050",
            "{\"hostname\": \"evil.example@10.0.0.1\", \"port\": 5050}                              | ''",
            "{\"hostname\": \"m_1.example-2\", \"port\": 5050}                                     | m_1.example-2:5050"})
    void aHostThatIsNeitherAnIpNorANameIsSkipped(String json, String address) throws StateException {
        assertThat(parse(json).address()).isEqualTo(address);
    }
}
