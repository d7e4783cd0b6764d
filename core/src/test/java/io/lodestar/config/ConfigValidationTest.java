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
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation message of spec 2.3 and of Lodestar's own checks, as the one line a user reads. */
class ConfigValidationTest {
    private static final String MASTER_EXPECTED =
            " (expected host:port with a port 1..65535, e.g. 10.0.0.1:5050 or [2001:db8::1]:5050)";
    private static final String RESOLVER_EXPECTED =
            " (expected an IP or IP:port, e.g. 8.8.8.8, 8.8.8.8:53, 2001:db8::1 or [2001:db8::1]:53";
    private static final String DOMAIN_EXPECTED =
            " (expected labels of letters, digits and hyphens joined by single dots, e.g. mesos or dc1.example)";
    private static final String ZK_EXPECTED = " (expected zk://host:port[,host:port...]/path)";
    private static final String AMBIGUOUS_EXPECTED = " (expected no zone inside another zone or inside the Mesos"
            + " domain, and no zone holding the Mesos domain)";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidConfigs")
    void anInvalidConfigFailsWithOneLineNamingTheKey(String json, String key, String message) {
        assertThat(failure(dir, json)).hasMessage(message).extracting(ConfigException::key).isEqualTo(key);
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // Numbers out of range (Lodestar) and stateTimeoutSeconds (upstream).
                invalid(withMaster("\"refreshSeconds\":0"), "refreshSeconds",
                        "refreshSeconds: 0 is not allowed (expected a whole number > 0)"),
                invalid(withMaster("\"refreshSeconds\":-60"), "refreshSeconds",
                        "refreshSeconds: -60 is not allowed (expected a whole number > 0)"),
                invalid(withMaster("\"port\":65536"), "port",
                        "port: 65536 is not allowed (expected a whole number 0..65535)"),
                invalid(withMaster("\"httpport\":-1"), "httpport",
                        "httpport: -1 is not allowed (expected a whole number 0..65535)"),
                invalid(withMaster("\"ttl\":-1"), "ttl", "ttl: -1 is not allowed (expected a whole number >= 0)"),
                invalid(withMaster("\"ttl\":2147483648"), "ttl",
                        "ttl: 2147483648 is not allowed (expected a whole number 0..2147483647)"),
                invalid(withMaster("\"srvRecordDefaultWeight\":70000"), "srvRecordDefaultWeight",
                        "srvRecordDefaultWeight: 70000 is not allowed (expected a whole number 0..65535)"),
                invalid(withMaster("\"SOARefresh\":4294967296"), "SOARefresh",
                        "SOARefresh: 4294967296 is not allowed (expected a whole number 0..4294967295)"),
                invalid(withMaster("\"SOAMinttl\":-1"), "SOAMinttl",
                        "SOAMinttl: -1 is not allowed (expected a whole number 0..4294967295)"),
                invalid(withMaster("\"timeout\":-1"), "timeout",
                        "timeout: -1 is not allowed (expected a whole number >= 0)"),
                invalid(withMaster("\"zkDetectionTimeout\":-30"), "zkDetectionTimeout",
                        "zkDetectionTimeout: -30 is not allowed (expected a whole number >= 0)"),
                invalid(withMaster("\"udpMaxResponseSize\":511"), "udpMaxResponseSize",
                        "udpMaxResponseSize: 511 is not allowed (expected a whole number 512..65535)"),
                invalid(withMaster("\"tcpIdleTimeoutSeconds\":0"), "tcpIdleTimeoutSeconds",
                        "tcpIdleTimeoutSeconds: 0 is not allowed (expected a whole number > 0)"),
                invalid(withMaster("\"tcpMaxConnections\":0"), "tcpMaxConnections",
                        "tcpMaxConnections: 0 is not allowed (expected a whole number > 0)"),
                invalid(withMaster("\"tcpMaxQueriesPerConnection\":-2"), "tcpMaxQueriesPerConnection",
                        "tcpMaxQueriesPerConnection: -2 is not allowed (expected a whole number > 0)"),
                invalid(withMaster("\"readyStalenessSeconds\":-1"), "readyStalenessSeconds",
                        "readyStalenessSeconds: -1 is not allowed (expected a whole number >= 0)"),
                invalid(withMaster("\"stateTimeoutSeconds\":0"), "stateTimeoutSeconds",
                        "stateTimeoutSeconds: Invalid HTTP Timeout: 0 (expected a whole number > 0)"),
                // Listeners (Lodestar, QUIRK 6).
                invalid(withMaster("\"listener\":\"localhost\""), "listener", "listener: \"localhost\" is not an IP"
                        + " address (expected an IPv4 or IPv6 literal such as 0.0.0.0 or ::; host names are not allowed)"),
                invalid(withMaster("\"HTTPListener\":\"[::1]\""), "HTTPListener", "HTTPListener: \"[::1]\" is not an IP"
                        + " address (expected an IPv4 or IPv6 literal such as 0.0.0.0 or ::; host names are not allowed)"),
                // 1. Services and a source of state.
                invalid(withMaster("\"dnson\":false,\"httpon\":false"), "dnson",
                        "dnson: either DNS or HTTP server should be on (expected dnson or httpon to be true)"),
                invalid("{}", "masters", "masters: specify Mesos masters or Zookeeper in config.json"
                        + " (expected masters, zk or stateFile)"),
                // 2. Masters.
                invalid("{\"masters\":[\"10.0.0.1\"]}", "masters", "masters: illegal host:port specified: 10.0.0.1."
                        + " Error: address 10.0.0.1: missing port in address" + MASTER_EXPECTED),
                invalid("{\"masters\":[\"\"]}", "masters",
                        "masters: illegal host:port specified: . Error: missing port in address" + MASTER_EXPECTED),
                invalid("{\"masters\":[\"2001:db8::1:5050\"]}", "masters", "masters: illegal host:port specified:"
                        + " 2001:db8::1:5050. Error: address 2001:db8::1:5050: too many colons in address"
                        + MASTER_EXPECTED),
                invalid("{\"masters\":[\"10.0.0.1:0\"]}", "masters",
                        "masters: illegal host:port specified: 10.0.0.1:0" + MASTER_EXPECTED),
                invalid("{\"masters\":[\"10.0.0.1:http\"]}", "masters",
                        "masters: illegal host:port specified: 10.0.0.1:http" + MASTER_EXPECTED),
                invalid("{\"masters\":[\":5050\"]}", "masters",
                        "masters: illegal host:port specified: :5050" + MASTER_EXPECTED),
                invalid("{\"masters\":[\"[2001:db8::1]:5050\",\"[2001:db8:0::1]:5050\"]}", "masters",
                        "masters: duplicate found: [2001:db8:0::1]:5050 (expected each master once)"),
                invalid("{\"masters\":[\"m1.example:5050\",\"m1.example:5050\"]}", "masters",
                        "masters: duplicate found: m1.example:5050 (expected each master once)"),
                // zk (Lodestar: zk:// only).
                invalid("{\"zk\":\"10.0.0.1:2181\"}", "zk", "zk: \"10.0.0.1:2181\" is not a zk:// URL" + ZK_EXPECTED),
                invalid("{\"zk\":\"file:///etc/mesos/zk\"}", "zk",
                        "zk: \"file:///etc/mesos/zk\" is not a zk:// URL" + ZK_EXPECTED),
                invalid("{\"zk\":\"zk://10.0.0.1:2181\"}", "zk", "zk: \"zk://10.0.0.1:2181\" has no path" + ZK_EXPECTED),
                invalid("{\"zk\":\"zk:///mesos\"}", "zk", "zk: \"zk:///mesos\" has no host" + ZK_EXPECTED),
                invalid("{\"zk\":\"zk://10.0.0.1:2181/\"}", "zk",
                        "zk: \"zk://10.0.0.1:2181/\" has an invalid path \"/\"" + ZK_EXPECTED),
                invalid("{\"zk\":\"zk://10.0.0.1:2181,10.0.0.2/mesos\"}", "zk", "zk: illegal host:port specified:"
                        + " \"10.0.0.2\" in \"zk://10.0.0.1:2181,10.0.0.2/mesos\"" + ZK_EXPECTED),
                // 3. Resolvers.
                invalid(withMaster("\"resolvers\":[\"dns.google\"]"), "resolvers",
                        "resolvers: illegal ip specified: dns.google" + RESOLVER_EXPECTED + ")"),
                invalid(withMaster("\"resolvers\":[\"[2001:db8::1]\"]"), "resolvers",
                        "resolvers: illegal ip specified: [2001:db8::1]" + RESOLVER_EXPECTED + ")"),
                invalid(withMaster("\"resolvers\":[\"8.8.8.8:0\"]"), "resolvers",
                        "resolvers: illegal host:port specified: 8.8.8.8:0" + RESOLVER_EXPECTED + ", port 1..65535)"),
                invalid(withMaster("\"resolvers\":[\"8.8.8.8\",\"8.8.8.8:53\"]"), "resolvers",
                        "resolvers: duplicate found: 8.8.8.8:53 (expected each resolver once)"),
                invalid(withMaster("\"zoneResolvers\":{\"abc.com\":[]}"), "zoneResolvers",
                        "zoneResolvers: field ZoneResolver abc.com is empty (expected at least one resolver)"),
                invalid(withMaster("\"zoneResolvers\":{\"abc.com\":null}"), "zoneResolvers",
                        "zoneResolvers: field ZoneResolver abc.com is empty (expected at least one resolver)"),
                invalid(withMaster("\"zoneResolvers\":{\".abc.com\":[\"1.1.1.1\"]}"), "zoneResolvers",
                        "zoneResolvers: invalid domain name: .abc.com" + DOMAIN_EXPECTED),
                invalid(withMaster("\"zoneResolvers\":{\"abc.com\":[\"ns1\"]}"), "zoneResolvers",
                        "zoneResolvers: illegal ip specified: ns1 for zone abc.com" + RESOLVER_EXPECTED + ")"),
                invalid(withMaster("\"zoneResolvers\":{\"abc.com\":[\"1.1.1.1\",\"1.1.1.1:53\"]}"), "zoneResolvers",
                        "zoneResolvers: duplicate found: 1.1.1.1:53 for zone abc.com (expected each resolver once)"),
                invalid(withMaster("\"zoneResolvers\":{\"mesos\":[\"1.1.1.1\"]}"), "zoneResolvers",
                        "zoneResolvers: can't specify ZoneResolver for Mesos domain (mesos)"
                                + " (expected zones outside the Mesos domain)"),
                invalid(withMaster("\"zoneResolvers\":{\"abc.com\":[\"1.1.1.1\"],\"com\":[\"1.1.1.2\"]}"),
                        "zoneResolvers", "zoneResolvers: ambiguous zone resolvers: .abc.com is masked by .com"
                                + AMBIGUOUS_EXPECTED),
                invalid(withMaster("\"domain\":\"dc.mesos\",\"zoneResolvers\":{\"mesos\":[\"1.1.1.1\"]}"),
                        "zoneResolvers", "zoneResolvers: ambiguous zone resolvers: .dc.mesos is masked by .mesos"
                                + AMBIGUOUS_EXPECTED),
                invalid(withMaster("\"domain\":\"dc.mesos\",\"zoneResolvers\":{\"site.dc.mesos\":[\"1.1.1.1\"]}"),
                        "zoneResolvers", "zoneResolvers: ambiguous zone resolvers: .site.dc.mesos is masked by"
                                + " .dc.mesos" + AMBIGUOUS_EXPECTED),
                invalid(withMaster("\"zoneResolvers\":{\"ABC.com\":[\"1.1.1.1\"],\"abc.com\":[\"1.1.1.2\"]}"),
                        "zoneResolvers", "zoneResolvers: duplicate found: abc.com (expected each zone once; zone names"
                                + " are case-insensitive)"),
                // 4. IP sources.
                invalid(withMaster("\"IPSources\":[]"), "IPSources",
                        "IPSources: empty ip sources (expected a non-empty list of netinfo, mesos, docker, host)"),
                invalid(withMaster("\"IPSources\":[\"mesos\",\"host\",\"mesos\"]"), "IPSources",
                        "IPSources: duplicate ip source specified: \"mesos\" (expected each source once)"),
                invalid(withMaster("\"IPSources\":[\"mesos\",\"foo\"]"), "IPSources",
                        "IPSources: invalid ip source \"foo\" (expected one of netinfo, mesos, docker, host)"),
                invalid(withMaster("\"IPSources\":[\"Mesos\"]"), "IPSources",
                        "IPSources: invalid ip source \"Mesos\" (expected one of netinfo, mesos, docker, host)"),
                // 6. Domain.
                invalid(withMaster("\"domain\":\"mesos.\""), "domain",
                        "domain: mesos. is not a valid domain name" + DOMAIN_EXPECTED),
                invalid(withMaster("\"domain\":\"Dc1..Mesos\""), "domain",
                        "domain: dc1..mesos is not a valid domain name" + DOMAIN_EXPECTED),
                invalid(withMaster("\"domain\":\"\""), "domain",
                        "domain:  is not a valid domain name" + DOMAIN_EXPECTED),
                invalid(withMaster("\"domain\":\"my_domain\""), "domain",
                        "domain: my_domain is not a valid domain name" + DOMAIN_EXPECTED),
                // 7. Authentication (files are in MesosAccessTest).
                invalid(withMaster("\"mesosAuthentication\":\"Basic\""), "mesosAuthentication",
                        "mesosAuthentication: unregistered factory requested: \"Basic\""
                                + " (expected one of \"\", \"basic\", \"iam\")"),
                invalid(withMaster("\"mesosAuthentication\":\"basic\""), "mesosCredentials",
                        "mesosCredentials: invalid HTTP Basic configuration (expected mesosCredentials with a"
                                + " principal and a secret when mesosAuthentication is \"basic\")"),
                invalid(withMaster("\"mesosAuthentication\":\"iam\""), "IAMConfigFile",
                        "IAMConfigFile: missing configuration for specified authentication mechanism"
                                + " (expected the path of an IAM JSON file when mesosAuthentication is \"iam\")"));
    }

    private static Arguments invalid(String json, String key, String message) {
        return Arguments.of(json, key, message);
    }

    @Test
    void checksRunInUpstreamOrder() {
        // Bad masters, resolvers, IP sources, timeout and domain all at once: the masters are reported.
        String json = "{\"masters\":[\"x\"],\"resolvers\":[\"y\"],\"IPSources\":[],\"stateTimeoutSeconds\":0,"
                + "\"domain\":\"\"}";
        assertThat(failure(dir, json).key()).isEqualTo("masters");
        assertThat(failure(dir, json.replace("[\"x\"]", "[\"10.0.0.1:5050\"]")).key()).isEqualTo("resolvers");
        assertThat(failure(dir, json.replace("[\"x\"]", "[\"10.0.0.1:5050\"]").replace("[\"y\"]", "[]")
                .replace("\"resolvers\"", "\"externalon\":false,\"resolvers\"")).key()).isEqualTo("IPSources");
    }

    @Test
    void hostnamesAndOddHostsAreAcceptedAsMasters() throws ConfigException {
        Config config = parse(dir, "{\"masters\":[\"m1.example:5050\",\"1.2.3.4.5:5050\",\"[2001:db8::1]:05050\"]}");
        assertThat(config.masters()).containsExactly("m1.example:5050", "1.2.3.4.5:5050", "[2001:db8::1]:05050");
    }

    @Test
    void aZkUrlIsEnoughWithoutMasters() throws ConfigException {
        Config config = parse(dir, "{\"zk\":\"zk://10.0.0.1:2181,[2001:db8::1]:2181/mesos\"}");
        assertThat(config.zk()).isEqualTo("zk://10.0.0.1:2181,[2001:db8::1]:2181/mesos");
        assertThat(config.masters()).isEmpty();
    }

    @Test
    void zkUserInformationIsDroppedWithAWarningThatDoesNotShowIt() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        Config config = parse(dir, "{\"zk\":\"zk://jdoe:pa55word@10.0.0.1:2181/mesos\"}", warnings);
        assertThat(config.zk()).isEqualTo("zk://10.0.0.1:2181/mesos");
        assertThat(warnings).containsExactly("zk: the user information in the URL is ignored, as Mesos-DNS ignores"
                + " it; using zk://10.0.0.1:2181/mesos");
    }

    @Test
    void aStateFileIsEnoughWithoutMastersOrZk() throws ConfigException {
        assertThat(parse(dir, "{\"stateFile\":\"state.json\"}").masters()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "::", "::1", "2001:db8::53"})
    void ipLiteralsAreAcceptedAsListeners(String address) throws ConfigException {
        Config config = parse(dir, withMaster("\"listener\":\"" + address + "\",\"HTTPListener\":\"" + address + "\""));
        assertThat(config.listener()).isEqualTo(address);
        assertThat(config.httpListener()).isEqualTo(address);
    }

    @Test
    void resolversMayBeIpsOrIpPortsAndAreKeptAsWritten() throws ConfigException {
        Config config = parse(dir, withMaster("\"resolvers\":[\"8.8.8.8\",\"8.8.4.4:5353\",\"2001:db8::1\","
                + "\"[2001:db8::1]:55\"]"));
        assertThat(config.resolvers()).containsExactly("8.8.8.8", "8.8.4.4:5353", "2001:db8::1", "[2001:db8::1]:55");
    }

    @Test
    void resolversAreNeitherCheckedNorFilledWhenForwardingIsOff() throws ConfigException {
        Config config = parse(dir, withMaster("\"externalon\":false,\"resolvers\":[\"not-an-ip\"],"
                + "\"zoneResolvers\":{\"mesos\":[]}"));
        assertThat(config.resolvers()).containsExactly("not-an-ip");
        assertThat(config.zoneResolvers()).containsOnlyKeys("mesos");
    }

    @Test
    void siblingZonesAndZonesBesideTheMesosDomainAreAccepted() throws ConfigException {
        Config config = parse(dir, withMaster("\"domain\":\"dc.mesos\",\"zoneResolvers\":{"
                + "\"abc.com\":[\"1.1.1.1\"],\"bc.com\":[\"1.1.1.2:53\"],\"acdc.mesos\":[\"[2001:db8::1]:53\"]}"));
        assertThat(config.zoneResolvers()).containsOnlyKeys("abc.com", "bc.com", "acdc.mesos");
        assertThat(config.zoneResolvers().get("bc.com")).containsExactly("1.1.1.2:53");
    }

    @Test
    void zoneNamesAreStoredInLowercase() throws ConfigException {
        Config config = parse(dir, withMaster("\"zoneResolvers\":{\"Corp.Example\":[\"10.1.1.1\"]}"));
        assertThat(config.zoneResolvers()).containsOnlyKeys("corp.example");
    }

    @Test
    void ipSourcesKeepTheirOrder() throws ConfigException {
        Config config = parse(dir, withMaster("\"IPSources\":[\"host\",\"docker\",\"netinfo\",\"mesos\"]"));
        assertThat(config.ipSources()).containsExactly("host", "docker", "netinfo", "mesos");
    }
}
