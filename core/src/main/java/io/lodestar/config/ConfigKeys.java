package io.lodestar.config;

import static io.lodestar.config.JsonKind.BOOL;
import static io.lodestar.config.JsonKind.CREDENTIALS;
import static io.lodestar.config.JsonKind.SECRET;
import static io.lodestar.config.JsonKind.STRING;
import static io.lodestar.config.JsonKind.STRING_LIST;
import static io.lodestar.config.JsonKind.ZONE_MAP;
import static io.lodestar.config.JsonKind.decimalNumber;
import static io.lodestar.config.JsonKind.wholeNumber;

import io.lodestar.forward.AddressFilter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of every key config.json may hold: Mesos-DNS's (spec section 2.2) and Lodestar's. A new key is one
 * entry here (plus its field in {@link Config} and its line in docs/configuration.md).
 */
final class ConfigKeys {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long UINT16_MAX = 0xFFFF;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** Mesos-DNS: a forwarding timeout of 0 means the default. */
    private static final int DEFAULT_TIMEOUT = Config.defaults().timeout();
    /** Forwarding: an hour per attempt is already absurd; the bound only keeps the arithmetic sane. */
    private static final double MAX_FORWARD_TIMEOUT_SECONDS = 3600;
    /** Forwarding: ten million cached replies would already take gigabytes. */
    private static final long MAX_FORWARD_CACHE_ENTRIES = 10_000_000;

    /** Hardening: a rate no client prefix needs; the bound keeps the rate limiter's arithmetic in range. */
    private static final long MAX_RRL_RATE = 100_000;
    /** Hardening: a state document smaller than this cannot hold a real cluster; lower caps would only mislead. */
    private static final long MIN_STATE_BYTES = 64 * 1024;
    /** Hardening: the largest array a JVM allocates. */
    private static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 8;

    /** Every key, in the order of spec section 2.2 and then Lodestar's. */
    static final List<ConfigKey<?>> ALL = List.of(
            ConfigKey.of("refreshSeconds", wholeNumber(1, INT_MAX), (b, v) -> b.refreshSeconds(v.intValue())),
            ConfigKey.of("port", wholeNumber(0, UINT16_MAX), (b, v) -> b.port(v.intValue())),
            ConfigKey.of("timeout", wholeNumber(0, INT_MAX),
                    (b, v) -> b.timeout(v == 0 ? DEFAULT_TIMEOUT : v.intValue())),
            // <= 0 is rejected by ConfigRules with upstream's message, in upstream's order.
            ConfigKey.of("stateTimeoutSeconds", wholeNumber(Integer.MIN_VALUE, INT_MAX),
                    (b, v) -> b.stateTimeoutSeconds(v.intValue())),
            ConfigKey.of("zkDetectionTimeout", wholeNumber(0, INT_MAX), (b, v) -> b.zkDetectionTimeout(v.intValue())),
            ConfigKey.of("httpport", wholeNumber(0, UINT16_MAX), (b, v) -> b.httpPort(v.intValue())),
            ConfigKey.of("ttl", wholeNumber(0, INT_MAX), (b, v) -> b.ttl(v.intValue())),
            ConfigKey.of("srvRecordDefaultWeight", wholeNumber(0, UINT16_MAX),
                    (b, v) -> b.srvRecordDefaultWeight(v.intValue())),
            // Accepted for compatibility; the serial is always the time of the last successful reload.
            ConfigKey.of("SOASerial", wholeNumber(0, UINT32_MAX), (b, v) -> { }),
            ConfigKey.of("SOARefresh", wholeNumber(0, UINT32_MAX), Config.Builder::soaRefresh),
            ConfigKey.of("SOARetry", wholeNumber(0, UINT32_MAX), Config.Builder::soaRetry),
            ConfigKey.of("SOAExpire", wholeNumber(0, UINT32_MAX), Config.Builder::soaExpire),
            ConfigKey.of("SOAMinttl", wholeNumber(0, UINT32_MAX), Config.Builder::soaMinttl),
            ConfigKey.of("SOAMname", STRING, Config.Builder::soaMname),
            ConfigKey.of("SOARname", STRING, Config.Builder::soaRname),
            ConfigKey.of("masters", STRING_LIST, Config.Builder::masters),
            ConfigKey.of("zk", STRING, Config.Builder::zk),
            ConfigKey.of("zoneResolvers", ZONE_MAP, Config.Builder::zoneResolvers),
            ConfigKey.of("resolvers", STRING_LIST, Config.Builder::resolvers),
            ConfigKey.of("IPSources", STRING_LIST, Config.Builder::ipSources),
            ConfigKey.of("domain", STRING, Config.Builder::domain),
            // Accepted for compatibility; Config.file() is always the file actually read.
            ConfigKey.of("File", STRING, (b, v) -> { }),
            ConfigKey.of("listener", STRING, AddressSyntax::requireIpLiteral, Config.Builder::listener),
            ConfigKey.of("HTTPListener", STRING, AddressSyntax::requireIpLiteral, Config.Builder::httpListener),
            ConfigKey.of("recurseon", BOOL, Config.Builder::recurseOn),
            ConfigKey.of("dnson", BOOL, Config.Builder::dnsOn),
            ConfigKey.of("httpon", BOOL, Config.Builder::httpOn),
            ConfigKey.of("externalon", BOOL, Config.Builder::externalOn),
            ConfigKey.of("EnforceRFC952", BOOL, Config.Builder::enforceRfc952),
            ConfigKey.of("SetTruncateBit", BOOL, Config.Builder::setTruncateBit),
            ConfigKey.of("EnumerationOn", BOOL, Config.Builder::enumerationOn),
            ConfigKey.of("mesosHTTPSOn", BOOL, Config.Builder::mesosHttpsOn),
            ConfigKey.of("caCertFile", STRING, Config.Builder::caCertFile),
            ConfigKey.of("certFile", STRING, Config.Builder::certFile),
            ConfigKey.of("keyFile", STRING, Config.Builder::keyFile),
            ConfigKey.of("mesosCredentials", CREDENTIALS, Config.Builder::mesosCredentials),
            ConfigKey.of("IAMConfigFile", STRING, Config.Builder::iamConfigFile),
            ConfigKey.of("mesosAuthentication", STRING, Config.Builder::mesosAuthentication),
            // Lodestar's keys.
            // Hardening (issue 9)
            ConfigKey.of("rrlResponsesPerSecond", wholeNumber(0, MAX_RRL_RATE),
                    (b, v) -> b.rrlResponsesPerSecond(v.intValue())),
            ConfigKey.of("rrlWindowSeconds", wholeNumber(1, 3600), (b, v) -> b.rrlWindowSeconds(v.intValue())),
            ConfigKey.of("rrlSlip", wholeNumber(0, 10), (b, v) -> b.rrlSlip(v.intValue())),
            ConfigKey.of("rrlIpv4PrefixLength", wholeNumber(8, 32), (b, v) -> b.rrlIpv4PrefixLength(v.intValue())),
            ConfigKey.of("rrlIpv6PrefixLength", wholeNumber(16, 64), (b, v) -> b.rrlIpv6PrefixLength(v.intValue())),
            ConfigKey.of("stateMaxBytes", wholeNumber(MIN_STATE_BYTES, INT_MAX),
                    (b, v) -> b.stateMaxBytes(v.intValue())),
            ConfigKey.of("streamMaxRecordBytes", wholeNumber(MIN_STATE_BYTES, MAX_RECORD_BYTES),
                    (b, v) -> b.streamMaxRecordBytes(v.intValue())),
            ConfigKey.of("httpMaxConnections", wholeNumber(1, INT_MAX), (b, v) -> b.httpMaxConnections(v.intValue())),
            ConfigKey.of("httpMaxRequestBytes", wholeNumber(1024, 65536),
                    (b, v) -> b.httpMaxRequestBytes(v.intValue())),
            ConfigKey.of("httpApiToken", SECRET, Config.Builder::httpApiToken),
            ConfigKey.of("stateFile", STRING, Config.Builder::stateFile),
            ConfigKey.of("udpMaxResponseSize", wholeNumber(512, UINT16_MAX),
                    (b, v) -> b.udpMaxResponseSize(v.intValue())),
            // Beyond Mesos-DNS (issue 10)
            ConfigKey.of("reverseLookups", BOOL, Config.Builder::reverseLookups),
            ConfigKey.of("reverseMaxNames", wholeNumber(1, 64), (b, v) -> b.reverseMaxNames(v.intValue())),
            ConfigKey.of("healthyTasksOnly", BOOL, Config.Builder::healthyTasksOnly),
            ConfigKey.of("preferredNetworks", STRING_LIST, BeyondRules::requireNetworkNames,
                    Config.Builder::preferredNetworks),
            ConfigKey.of("preferredCidrs", STRING_LIST, BeyondRules::requireCidrBlocks, Config.Builder::preferredCidrs),
            ConfigKey.of("dcosZones", BOOL, Config.Builder::dcosZones),
            ConfigKey.of("dcosVips", BOOL, Config.Builder::dcosVips),
            ConfigKey.of("tcpIdleTimeoutSeconds", wholeNumber(1, INT_MAX),
                    (b, v) -> b.tcpIdleTimeoutSeconds(v.intValue())),
            ConfigKey.of("tcpMaxConnections", wholeNumber(1, INT_MAX), (b, v) -> b.tcpMaxConnections(v.intValue())),
            ConfigKey.of("tcpMaxQueriesPerConnection", wholeNumber(1, INT_MAX),
                    (b, v) -> b.tcpMaxQueriesPerConnection(v.intValue())),
            // HTTP (issue 6)
            ConfigKey.of("readyStalenessSeconds", wholeNumber(0, INT_MAX),
                    (b, v) -> b.readyStalenessSeconds(v.intValue())),
            // Live state (issue 4)
            ConfigKey.of("stateSource", STRING, ConfigKeys::requireStateSource, Config.Builder::stateSource),
            ConfigKey.of("streamCoalesceMillis", wholeNumber(1, 60_000), (b, v) -> b.streamCoalesceMillis(v.intValue())),
            ConfigKey.of("streamReconcileSeconds", wholeNumber(0, INT_MAX),
                    (b, v) -> b.streamReconcileSeconds(v.intValue())),
            ConfigKey.of("recoveredAgentGraceSeconds", wholeNumber(0, INT_MAX),
                    (b, v) -> b.recoveredAgentGraceSeconds(v.intValue())),
            ConfigKey.of("mesosHTTPSInsecure", BOOL, Config.Builder::mesosHttpsInsecure),
            ConfigKey.of("servfailBeforeReady", BOOL, Config.Builder::servfailBeforeReady),
            // Forwarding (issue 5)
            ConfigKey.of("allowRecursion", STRING_LIST, ConfigKeys::requireCidrs, Config.Builder::allowRecursion),
            ConfigKey.of("forwardTimeoutSeconds", decimalNumber(0, MAX_FORWARD_TIMEOUT_SECONDS),
                    Config.Builder::forwardTimeoutSeconds),
            ConfigKey.of("forwardMaxInFlight", wholeNumber(1, INT_MAX), (b, v) -> b.forwardMaxInFlight(v.intValue())),
            ConfigKey.of("forwardCacheEntries", wholeNumber(0, MAX_FORWARD_CACHE_ENTRIES),
                    (b, v) -> b.forwardCacheEntries(v.intValue())));

    private static final Map<String, ConfigKey<?>> BY_LOWERCASE_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(k -> lowercase(k.name()), Function.identity()));

    private ConfigKeys() {
    }

    /** Forwarding: every {@code allowRecursion} entry is an IP address or a CIDR block. */
    private static void requireCidrs(String key, List<String> entries) throws ConfigException {
        for (String entry : entries) {
            String problem = AddressFilter.problem(entry);
            if (problem != null) {
                throw new ConfigException(key, problem + " (expected IP addresses or CIDR blocks such as 10.0.0.0/8,"
                        + " 127.0.0.1 or fd00::/8)");
            }
        }
    }

    /** Live state (issue 4): the two ways of reading state from a master. */
    private static void requireStateSource(String key, String value) throws ConfigException {
        if (!value.equals("poll") && !value.equals("stream")) {
            throw new ConfigException(key, JsonKind.quote(value) + " is not a state source (expected \"poll\" or"
                    + " \"stream\")");
        }
    }

    /** The key a JSON name means, matched case-insensitively as Go's decoder does; null when unknown. */
    static ConfigKey<?> find(String jsonName) {
        return BY_LOWERCASE_NAME.get(lowercase(jsonName));
    }

    private static String lowercase(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
