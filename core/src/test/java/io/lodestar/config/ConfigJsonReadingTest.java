package io.lodestar.config;

import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How config.json text becomes values: key matching, duplicates, nulls, JSON types and file-level errors. */
class ConfigJsonReadingTest {
    @TempDir
    Path dir;

    @Test
    void keysMatchInAnyCase() throws ConfigException {
        Config config = parse(dir, "{\"MASTERS\":[\"10.0.0.1:5050\"],\"RefreshSeconds\":30,\"refreshseconds\":31,"
                + "\"httpPort\":9000,\"DNSON\":true,\"soaRNAME\":\"admin.example\",\"ipsources\":[\"host\"]}");
        assertThat(config.masters()).containsExactly("10.0.0.1:5050");
        assertThat(config.refreshSeconds()).isEqualTo(31);
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.soaRname()).isEqualTo("admin.example.");
        assertThat(config.ipSources()).containsExactly("host");
    }

    @Test
    void theLastOfTwoSameKeysWinsWhateverTheirCase() throws ConfigException {
        Config config = parse(dir, withMaster("\"ttl\":1,\"TTL\":2,\"ttl\":3,\"Domain\":\"a\",\"domain\":\"b\""));
        assertThat(config.ttl()).isEqualTo(3);
        assertThat(config.domain()).isEqualTo("b");
    }

    @Test
    void anEarlierWrongValueIsForgottenWhenALaterOneReplacesIt() throws ConfigException {
        assertThat(parse(dir, withMaster("\"ttl\":\"60\",\"Ttl\":70")).ttl()).isEqualTo(70);
    }

    @Test
    void nullKeepsTheDefaultOfNumbersBooleansAndStrings() throws ConfigException {
        Config config = parse(dir, withMaster("\"ttl\":null,\"dnson\":null,\"domain\":null,\"SOAMname\":null,"
                + "\"mesosCredentials\":null,\"udpMaxResponseSize\":null"));
        assertThat(config.ttl()).isEqualTo(60);
        assertThat(config.dnsOn()).isTrue();
        assertThat(config.domain()).isEqualTo("mesos");
        assertThat(config.soaMname()).isEqualTo("ns1.mesos.");
        assertThat(config.mesosCredentials()).isEqualTo(Config.Credentials.NONE);
        assertThat(config.udpMaxResponseSize()).isEqualTo(1232);
    }

    @Test
    void nullEmptiesListsAndMaps() throws ConfigException {
        Config config = parse(dir, "{\"zk\":\"zk://10.0.0.1:2181/mesos\",\"masters\":null,\"zoneResolvers\":null,"
                + "\"externalon\":false,\"resolvers\":null}");
        assertThat(config.masters()).isEmpty();
        assertThat(config.zoneResolvers()).isEmpty();
        assertThat(config.resolvers()).isEmpty();
    }

    @Test
    void nullIpSourcesIsAnEmptyListAndSoRejected() {
        assertThat(failure(dir, withMaster("\"IPSources\":null")))
                .hasMessage("IPSources: empty ip sources (expected a non-empty list of netinfo, mesos, docker, host)");
    }

    @Test
    void everyUnknownKeyIsWarnedAboutOnceAndIgnored() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        Config config = parse(dir, withMaster("\"ns\":\"ns1\",\"email\":\"root\",\"ns\":\"ns2\",\"ttl\":7"), warnings);
        assertThat(warnings).containsExactly("unknown config key \"ns\" ignored", "unknown config key \"email\" ignored");
        assertThat(config.ttl()).isEqualTo(7);
    }

    @Test
    void anUnknownFieldOfMesosCredentialsIsWarnedAbout() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        Config config = parse(dir, withMaster("\"mesosAuthentication\":\"basic\","
                + "\"mesosCredentials\":{\"Principal\":\"p\",\"SECRET\":\"s\",\"user\":\"u\"}"), warnings);
        assertThat(warnings).containsExactly("unknown config key \"mesosCredentials.user\" ignored");
        assertThat(config.mesosCredentials()).isEqualTo(new Config.Credentials("p", "s"));
    }

    @Test
    void theFileKeyIsIgnored() throws ConfigException {
        Config config = parse(dir, withMaster("\"File\":\"/elsewhere/config.json\""));
        assertThat(config.file()).isEqualTo(dir.resolve("config.json").toString());
    }

    @Test
    void soaSerialIsAcceptedAndIgnored() throws ConfigException {
        assertThat(parse(dir, withMaster("\"SOASerial\":42"))).isNotNull();
    }

    @Test
    void aTimeoutOfZeroMeansFiveSeconds() throws ConfigException {
        assertThat(parse(dir, withMaster("\"timeout\":0")).timeout()).isEqualTo(5);
        assertThat(parse(dir, withMaster("\"timeout\":2")).timeout()).isEqualTo(2);
    }

    @Test
    void soaNamesAreNormalisedToOneTrailingDot() throws ConfigException {
        Config config = parse(dir, withMaster("\"SOARname\":\"root@ns1.mesos\",\"SOAMname\":\"ns1.mesos..\""));
        assertThat(config.soaRname()).isEqualTo("root.ns1.mesos.");
        assertThat(config.soaMname()).isEqualTo("ns1.mesos.");
    }

    @Test
    void soaNamesKeepTheirCaseAndAnEmptyMnameIsTheRoot() throws ConfigException {
        Config config = parse(dir, withMaster("\"SOARname\":\"Admin@Example.COM.\",\"SOAMname\":\"\""));
        assertThat(config.soaRname()).isEqualTo("Admin.Example.COM.");
        assertThat(config.soaMname()).isEqualTo(".");
    }

    @Test
    void theDomainIsLowercased() throws ConfigException {
        assertThat(parse(dir, withMaster("\"domain\":\"DC1.Mesos\"")).domain()).isEqualTo("dc1.mesos");
    }

    @Test
    void numbersAtTheEdgesOfTheirRangesAreAccepted() throws ConfigException {
        Config config = parse(dir, withMaster("\"port\":0,\"httpport\":65535,\"ttl\":2147483647,"
                + "\"srvRecordDefaultWeight\":65535,\"SOAExpire\":4294967295,\"SOAMinttl\":0,"
                + "\"udpMaxResponseSize\":512,\"refreshSeconds\":1"));
        assertThat(config.port()).isZero();
        assertThat(config.httpPort()).isEqualTo(65535);
        assertThat(config.ttl()).isEqualTo(Integer.MAX_VALUE);
        assertThat(config.srvRecordDefaultWeight()).isEqualTo(65535);
        assertThat(config.soaExpire()).isEqualTo(4294967295L);
        assertThat(config.soaMinttl()).isZero();
        assertThat(config.udpMaxResponseSize()).isEqualTo(512);
        assertThat(config.refreshSeconds()).isEqualTo(1);
    }

    @Test
    void lodestarKeysAreRead() throws ConfigException {
        Config config = parse(dir, withMaster("\"udpMaxResponseSize\":4096,\"tcpIdleTimeoutSeconds\":3,"
                + "\"tcpMaxConnections\":10,\"tcpMaxQueriesPerConnection\":2,\"servfailBeforeReady\":true"));
        assertThat(config.udpMaxResponseSize()).isEqualTo(4096);
        assertThat(config.tcpIdleTimeoutSeconds()).isEqualTo(3);
        assertThat(config.tcpMaxConnections()).isEqualTo(10);
        assertThat(config.tcpMaxQueriesPerConnection()).isEqualTo(2);
        assertThat(config.servfailBeforeReady()).isTrue();
    }

    @Test
    void readyStalenessIsReadOrFollowsRefreshSeconds() throws ConfigException {
        assertThat(parse(dir, withMaster("\"readyStalenessSeconds\":45")).readyStalenessSeconds()).isEqualTo(45);
        assertThat(parse(dir, withMaster("\"refreshSeconds\":10,\"readyStalenessSeconds\":0")).readyStalenessSeconds())
                .as("0 means 3 x refreshSeconds").isEqualTo(30);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("wrongTypes")
    void aWrongJsonTypeNamesTheKeyTheValueAndTheExpectedType(String json, String key, String message) {
        assertThat(failure(dir, json)).hasMessage(message).extracting(ConfigException::key).isEqualTo(key);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(withMaster("\"ttl\":\"60\""), "ttl",
                        "ttl: wrong type: \"60\" is a string (expected a number)"),
                Arguments.of(withMaster("\"ttl\":1.5"), "ttl",
                        "ttl: wrong type: 1.5 is a number with a fraction or exponent (expected a whole number)"),
                Arguments.of(withMaster("\"port\":53.0"), "port",
                        "port: wrong type: 53.0 is a number with a fraction or exponent (expected a whole number)"),
                Arguments.of(withMaster("\"refreshSeconds\":true"), "refreshSeconds",
                        "refreshSeconds: wrong type: true is a boolean (expected a number)"),
                Arguments.of(withMaster("\"dnson\":\"true\""), "dnson",
                        "dnson: wrong type: \"true\" is a string (expected true or false)"),
                Arguments.of(withMaster("\"servfailBeforeReady\":1"), "servfailBeforeReady",
                        "servfailBeforeReady: wrong type: 1 is a number (expected true or false)"),
                Arguments.of(withMaster("\"domain\":5"), "domain",
                        "domain: wrong type: 5 is a number (expected a string)"),
                Arguments.of(withMaster("\"zk\":[\"zk://a:1/m\"]"), "zk",
                        "zk: wrong type: [\"zk://a:1/m\"] is a list (expected a string)"),
                Arguments.of("{\"masters\":\"10.0.0.1:5050\"}", "masters",
                        "masters: wrong type: \"10.0.0.1:5050\" is a string (expected a list of strings)"),
                Arguments.of("{\"masters\":[\"10.0.0.1:5050\",5050]}", "masters",
                        "masters: wrong type: 5050 in the list is a number (expected a list of strings)"),
                Arguments.of(withMaster("\"resolvers\":[null]"), "resolvers",
                        "resolvers: wrong type: null in the list is null (expected a list of strings)"),
                Arguments.of(withMaster("\"zoneResolvers\":[]"), "zoneResolvers",
                        "zoneResolvers: wrong type: [] is a list (expected an object of zone to list of resolvers)"),
                Arguments.of(withMaster("\"zoneResolvers\":{\"abc.com\":\"1.1.1.1\"}"), "zoneResolvers",
                        "zoneResolvers: wrong type: \"1.1.1.1\" for zone \"abc.com\" is a string"
                                + " (expected a list of strings)"),
                Arguments.of(withMaster("\"mesosCredentials\":\"user:pass\""), "mesosCredentials",
                        "mesosCredentials: wrong type: got a string (expected an object with principal and secret)"),
                Arguments.of(withMaster("\"mesosCredentials\":{\"principal\":7}"), "mesosCredentials",
                        "mesosCredentials: wrong type: principal is a number (expected a string)"),
                Arguments.of(withMaster("\"mesosCredentials\":{\"secret\":12345}"), "mesosCredentials",
                        "mesosCredentials: wrong type: secret is a number (expected a string)"),
                Arguments.of(withMaster("\"IPSources\":{\"a\":\"" + "x".repeat(80) + "\"}"), "IPSources",
                        "IPSources: wrong type: {\"a\":\"" + "x".repeat(51) + "... is an object (expected a list of strings)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fileErrors")
    void textThatIsNotOneJsonObjectIsAFileError(String json, String message) {
        assertThat(failure(dir, json)).hasMessage(message).extracting(ConfigException::key).isEqualTo("config");
    }

    static Stream<Arguments> fileErrors() {
        return Stream.of(
                Arguments.of("", "config: the file is empty (expected a JSON object {\"key\": value, ...})"),
                Arguments.of("  \n", "config: the file is empty (expected a JSON object {\"key\": value, ...})"),
                Arguments.of("[\"10.0.0.1:5050\"]", "config: not a JSON object at line 1, column 1: found a list"
                        + " (expected a JSON object {\"key\": value, ...})"),
                Arguments.of("\n  \"mesos\"", "config: not a JSON object at line 2, column 3: found a string"
                        + " (expected a JSON object {\"key\": value, ...})"),
                Arguments.of("{\"ttl\": }", "config: not valid JSON at line 1, column 9: Unexpected character"
                        + " ('}' (code 125)): expected a value"),
                Arguments.of("{\"ttl\": 60,\n}", "config: not valid JSON at line 2, column 1: Unexpected character"
                        + " ('}' (code 125)): was expecting double-quote to start field name"),
                Arguments.of("{\"ttl\": 60} {}", "config: not valid JSON at line 1, column 13: more content after"
                        + " the top-level object (expected a JSON object {\"key\": value, ...})"));
    }
}
