package io.lodestar.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective, validated and normalised configuration: every Mesos-DNS config.json key (spec section 2)
 * with its upstream default, plus Lodestar's own keys (see {@code docs/configuration.md}).
 *
 * <p>Immutable. Build one with {@link #builder()} (defaults preset) or load one with {@link ConfigLoader}.
 * Names ({@code soaMname}, {@code soaRname}) are already normalised to FQDNs with a trailing dot, and the
 * domain is lowercased without a trailing dot.
 */
public final class Config {

    /** Mesos-DNS's {@code mesosCredentials} object. The secret is never logged or echoed. */
    public record Credentials(String principal, String secret) {
        public static final Credentials NONE = new Credentials("", "");

        public Credentials {
            principal = principal == null ? "" : principal;
            secret = secret == null ? "" : secret;
        }

        public boolean isEmpty() {
            return principal.isEmpty() && secret.isEmpty();
        }

        /** The secret replaced by {@code "******"} when present: what may be shown to anyone. */
        public Credentials masked() {
            return new Credentials(principal, secret.isEmpty() ? "" : "******");
        }

        @Override
        public String toString() {
            return "Credentials[principal=" + principal + ", secret=" + (secret.isEmpty() ? "" : "******") + "]";
        }
    }

    // --- Mesos-DNS keys (spec section 2.2), in the order of /v1/config ---
    private final int refreshSeconds;
    private final int port;
    private final int timeout;
    private final int stateTimeoutSeconds;
    private final int zkDetectionTimeout;
    private final int httpPort;
    private final int ttl;
    private final int srvRecordDefaultWeight;
    private final long soaRefresh;
    private final long soaRetry;
    private final long soaExpire;
    private final long soaMinttl;
    private final String soaMname;
    private final String soaRname;
    private final List<String> masters;
    private final Map<String, List<String>> zoneResolvers;
    private final List<String> resolvers;
    private final List<String> ipSources;
    private final String zk;
    private final String domain;
    private final String file;
    private final String listener;
    private final String httpListener;
    private final boolean recurseOn;
    private final boolean dnsOn;
    private final boolean httpOn;
    private final boolean externalOn;
    private final boolean enforceRfc952;
    private final boolean setTruncateBit;
    private final boolean enumerationOn;
    private final boolean mesosHttpsOn;
    private final String caCertFile;
    private final String certFile;
    private final String keyFile;
    private final Credentials mesosCredentials;
    private final String iamConfigFile;
    private final String mesosAuthentication;

    // --- Lodestar keys (docs/configuration.md) ---
    // Hardening (issue 9)
    private final int rrlResponsesPerSecond;
    private final int rrlWindowSeconds;
    private final int rrlSlip;
    private final int rrlIpv4PrefixLength;
    private final int rrlIpv6PrefixLength;
    private final int stateMaxBytes;
    private final int streamMaxRecordBytes;
    private final int httpMaxConnections;
    private final int httpMaxRequestBytes;
    private final String httpApiToken;
    private final String stateFile;
    private final int udpMaxResponseSize;
    // Beyond Mesos-DNS (issue 10)
    private final boolean reverseLookups;
    private final int reverseMaxNames;
    private final boolean healthyTasksOnly;
    private final List<String> preferredNetworks;
    private final List<String> preferredCidrs;
    private final boolean dcosZones;
    private final boolean dcosVips;
    private final int tcpIdleTimeoutSeconds;
    private final int tcpMaxConnections;
    private final int tcpMaxQueriesPerConnection;
    private final int readyStalenessSeconds;
    // Live state (issue 4)
    private final String stateSource;
    private final int streamCoalesceMillis;
    private final int streamReconcileSeconds;
    private final int recoveredAgentGraceSeconds;
    private final boolean mesosHttpsInsecure;
    private final boolean servfailBeforeReady;
    // Forwarding (issue 5)
    private final List<String> allowRecursion;
    private final double forwardTimeoutSeconds;
    private final int forwardMaxInFlight;
    private final int forwardCacheEntries;

    private Config(Builder b) {
        this.refreshSeconds = b.refreshSeconds;
        this.port = b.port;
        this.timeout = b.timeout;
        this.stateTimeoutSeconds = b.stateTimeoutSeconds;
        this.zkDetectionTimeout = b.zkDetectionTimeout;
        this.httpPort = b.httpPort;
        this.ttl = b.ttl;
        this.srvRecordDefaultWeight = b.srvRecordDefaultWeight;
        this.soaRefresh = b.soaRefresh;
        this.soaRetry = b.soaRetry;
        this.soaExpire = b.soaExpire;
        this.soaMinttl = b.soaMinttl;
        this.soaMname = normaliseMname(b.soaMname);
        this.soaRname = normaliseRname(b.soaRname);
        this.masters = List.copyOf(b.masters);
        this.zoneResolvers = copyZones(b.zoneResolvers);
        this.resolvers = List.copyOf(b.resolvers);
        this.ipSources = List.copyOf(b.ipSources);
        this.zk = Objects.requireNonNull(b.zk, "zk");
        this.domain = Objects.requireNonNull(b.domain, "domain").toLowerCase(java.util.Locale.ROOT);
        this.file = Objects.requireNonNull(b.file, "file");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.httpListener = Objects.requireNonNull(b.httpListener, "httpListener");
        this.recurseOn = b.recurseOn;
        this.dnsOn = b.dnsOn;
        this.httpOn = b.httpOn;
        this.externalOn = b.externalOn;
        this.enforceRfc952 = b.enforceRfc952;
        this.setTruncateBit = b.setTruncateBit;
        this.enumerationOn = b.enumerationOn;
        this.mesosHttpsOn = b.mesosHttpsOn;
        this.caCertFile = Objects.requireNonNull(b.caCertFile, "caCertFile");
        this.certFile = Objects.requireNonNull(b.certFile, "certFile");
        this.keyFile = Objects.requireNonNull(b.keyFile, "keyFile");
        this.mesosCredentials = Objects.requireNonNull(b.mesosCredentials, "mesosCredentials");
        this.iamConfigFile = Objects.requireNonNull(b.iamConfigFile, "iamConfigFile");
        this.mesosAuthentication = Objects.requireNonNull(b.mesosAuthentication, "mesosAuthentication");
        // Hardening (issue 9)
        this.rrlResponsesPerSecond = b.rrlResponsesPerSecond;
        this.rrlWindowSeconds = b.rrlWindowSeconds;
        this.rrlSlip = b.rrlSlip;
        this.rrlIpv4PrefixLength = b.rrlIpv4PrefixLength;
        this.rrlIpv6PrefixLength = b.rrlIpv6PrefixLength;
        this.stateMaxBytes = b.stateMaxBytes;
        this.streamMaxRecordBytes = b.streamMaxRecordBytes;
        this.httpMaxConnections = b.httpMaxConnections;
        this.httpMaxRequestBytes = b.httpMaxRequestBytes;
        this.httpApiToken = Objects.requireNonNull(b.httpApiToken, "httpApiToken");
        this.stateFile = Objects.requireNonNull(b.stateFile, "stateFile");
        this.udpMaxResponseSize = b.udpMaxResponseSize;
        // Beyond Mesos-DNS (issue 10)
        this.reverseLookups = b.reverseLookups;
        this.reverseMaxNames = b.reverseMaxNames;
        this.healthyTasksOnly = b.healthyTasksOnly;
        this.preferredNetworks = List.copyOf(b.preferredNetworks);
        this.preferredCidrs = List.copyOf(b.preferredCidrs);
        this.dcosZones = b.dcosZones;
        this.dcosVips = b.dcosVips;
        this.tcpIdleTimeoutSeconds = b.tcpIdleTimeoutSeconds;
        this.tcpMaxConnections = b.tcpMaxConnections;
        this.tcpMaxQueriesPerConnection = b.tcpMaxQueriesPerConnection;
        this.readyStalenessSeconds = b.readyStalenessSeconds;
        // Live state (issue 4)
        this.stateSource = Objects.requireNonNull(b.stateSource, "stateSource");
        this.streamCoalesceMillis = b.streamCoalesceMillis;
        this.streamReconcileSeconds = b.streamReconcileSeconds;
        this.recoveredAgentGraceSeconds = b.recoveredAgentGraceSeconds;
        this.mesosHttpsInsecure = b.mesosHttpsInsecure;
        this.servfailBeforeReady = b.servfailBeforeReady;
        this.allowRecursion = List.copyOf(b.allowRecursion);
        this.forwardTimeoutSeconds = b.forwardTimeoutSeconds;
        this.forwardMaxInFlight = b.forwardMaxInFlight;
        this.forwardCacheEntries = b.forwardCacheEntries;
    }

    /** A builder preset with every default (spec section 2.2 and docs/configuration.md). */
    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. Not valid for serving on its own (no masters), but handy for record building. */
    public static Config defaults() {
        return builder().build();
    }

    /** A builder preset with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.refreshSeconds = refreshSeconds;
        b.port = port;
        b.timeout = timeout;
        b.stateTimeoutSeconds = stateTimeoutSeconds;
        b.zkDetectionTimeout = zkDetectionTimeout;
        b.httpPort = httpPort;
        b.ttl = ttl;
        b.srvRecordDefaultWeight = srvRecordDefaultWeight;
        b.soaRefresh = soaRefresh;
        b.soaRetry = soaRetry;
        b.soaExpire = soaExpire;
        b.soaMinttl = soaMinttl;
        b.soaMname = soaMname;
        b.soaRname = soaRname;
        b.masters = masters;
        b.zoneResolvers = zoneResolvers;
        b.resolvers = resolvers;
        b.ipSources = ipSources;
        b.zk = zk;
        b.domain = domain;
        b.file = file;
        b.listener = listener;
        b.httpListener = httpListener;
        b.recurseOn = recurseOn;
        b.dnsOn = dnsOn;
        b.httpOn = httpOn;
        b.externalOn = externalOn;
        b.enforceRfc952 = enforceRfc952;
        b.setTruncateBit = setTruncateBit;
        b.enumerationOn = enumerationOn;
        b.mesosHttpsOn = mesosHttpsOn;
        b.caCertFile = caCertFile;
        b.certFile = certFile;
        b.keyFile = keyFile;
        b.mesosCredentials = mesosCredentials;
        b.iamConfigFile = iamConfigFile;
        b.mesosAuthentication = mesosAuthentication;
        // Hardening (issue 9)
        b.rrlResponsesPerSecond = rrlResponsesPerSecond;
        b.rrlWindowSeconds = rrlWindowSeconds;
        b.rrlSlip = rrlSlip;
        b.rrlIpv4PrefixLength = rrlIpv4PrefixLength;
        b.rrlIpv6PrefixLength = rrlIpv6PrefixLength;
        b.stateMaxBytes = stateMaxBytes;
        b.streamMaxRecordBytes = streamMaxRecordBytes;
        b.httpMaxConnections = httpMaxConnections;
        b.httpMaxRequestBytes = httpMaxRequestBytes;
        b.httpApiToken = httpApiToken;
        b.stateFile = stateFile;
        b.udpMaxResponseSize = udpMaxResponseSize;
        // Beyond Mesos-DNS (issue 10)
        b.reverseLookups = reverseLookups;
        b.reverseMaxNames = reverseMaxNames;
        b.healthyTasksOnly = healthyTasksOnly;
        b.preferredNetworks = preferredNetworks;
        b.preferredCidrs = preferredCidrs;
        b.dcosZones = dcosZones;
        b.dcosVips = dcosVips;
        b.tcpIdleTimeoutSeconds = tcpIdleTimeoutSeconds;
        b.tcpMaxConnections = tcpMaxConnections;
        b.tcpMaxQueriesPerConnection = tcpMaxQueriesPerConnection;
        b.readyStalenessSeconds = readyStalenessSeconds;
        // Live state (issue 4)
        b.stateSource = stateSource;
        b.streamCoalesceMillis = streamCoalesceMillis;
        b.streamReconcileSeconds = streamReconcileSeconds;
        b.recoveredAgentGraceSeconds = recoveredAgentGraceSeconds;
        b.mesosHttpsInsecure = mesosHttpsInsecure;
        b.servfailBeforeReady = servfailBeforeReady;
        b.allowRecursion = allowRecursion;
        b.forwardTimeoutSeconds = forwardTimeoutSeconds;
        b.forwardMaxInFlight = forwardMaxInFlight;
        b.forwardCacheEntries = forwardCacheEntries;
        return b;
    }

    /** SOAMname: strip every trailing dot, append one (spec 2.4). Case kept for output; lookups are case-insensitive. */
    static String normaliseMname(String name) {
        return stripTrailingDots(Objects.requireNonNull(name, "SOAMname")) + ".";
    }

    /** SOARname: every {@code @} becomes {@code .}, strip trailing dots, append one (spec 2.4). */
    static String normaliseRname(String name) {
        return stripTrailingDots(Objects.requireNonNull(name, "SOARname").replace('@', '.')) + ".";
    }

    private static String stripTrailingDots(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Map<String, List<String>> copyZones(Map<String, List<String>> zones) {
        var copy = new java.util.LinkedHashMap<String, List<String>>();
        zones.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    public int refreshSeconds() { return refreshSeconds; }
    public int port() { return port; }
    /** Seconds per forwarding step (dial, write, read); a configured 0 is stored as 5, as Mesos-DNS reads it. */
    public int timeout() { return timeout; }
    public int stateTimeoutSeconds() { return stateTimeoutSeconds; }
    public int zkDetectionTimeout() { return zkDetectionTimeout; }
    public int httpPort() { return httpPort; }
    public int ttl() { return ttl; }
    public int srvRecordDefaultWeight() { return srvRecordDefaultWeight; }
    public long soaRefresh() { return soaRefresh; }
    public long soaRetry() { return soaRetry; }
    public long soaExpire() { return soaExpire; }
    /** SOA MINIMUM, the negative-caching TTL (RFC 2308); Mesos-DNS ignores it and puts {@code ttl} there. */
    public long soaMinttl() { return soaMinttl; }
    /** Primary name server, FQDN with trailing dot (case as configured). */
    public String soaMname() { return soaMname; }
    /** Admin mailbox as a name, FQDN with trailing dot. */
    public String soaRname() { return soaRname; }
    public List<String> masters() { return masters; }
    /** Zone to forwarders; zone names are lowercase when {@code externalOn} (they are checked then, unused otherwise). */
    public Map<String, List<String>> zoneResolvers() { return zoneResolvers; }
    /** Effective upstream resolvers (after the /etc/resolv.conf fallback when the configured list was empty). */
    public List<String> resolvers() { return resolvers; }
    public List<String> ipSources() { return ipSources; }
    /** Empty, or a {@code zk://} URL that {@link ZkUrl#parse} accepts, without user information. */
    public String zk() { return zk; }
    /** The cluster domain, lowercase, without a trailing dot (e.g. {@code mesos}). */
    public String domain() { return domain; }
    /** The domain as an FQDN with trailing dot (e.g. {@code mesos.}). */
    public String domainFqdn() { return domain + "."; }
    /** The absolute path of the config file actually read (a {@code File} key in the JSON is ignored). */
    public String file() { return file; }
    /** IP literal the DNS server binds (UDP and TCP); {@code 0.0.0.0} means every interface. */
    public String listener() { return listener; }
    /** IP literal the HTTP API binds. */
    public String httpListener() { return httpListener; }
    public boolean recurseOn() { return recurseOn; }
    public boolean dnsOn() { return dnsOn; }
    public boolean httpOn() { return httpOn; }
    public boolean externalOn() { return externalOn; }
    public boolean enforceRfc952() { return enforceRfc952; }
    public boolean setTruncateBit() { return setTruncateBit; }
    public boolean enumerationOn() { return enumerationOn; }
    public boolean mesosHttpsOn() { return mesosHttpsOn; }
    public String caCertFile() { return caCertFile; }
    public String certFile() { return certFile; }
    public String keyFile() { return keyFile; }
    public Credentials mesosCredentials() { return mesosCredentials; }
    public String iamConfigFile() { return iamConfigFile; }
    public String mesosAuthentication() { return mesosAuthentication; }
    // Hardening (issue 9), see docs/reliability.md.
    /** Lodestar: UDP responses per second per client prefix (response rate limiting); 0 (the default) is off. */
    public int rrlResponsesPerSecond() { return rrlResponsesPerSecond; }
    /** Lodestar: seconds over which a client prefix's response rate is measured (its debt is forgiven). */
    public int rrlWindowSeconds() { return rrlWindowSeconds; }
    /** Lodestar: every Nth response withheld by rate limiting goes out truncated (TC) instead; 0 never. */
    public int rrlSlip() { return rrlSlip; }
    /** Lodestar: the IPv4 prefix length that makes one rate-limited client. */
    public int rrlIpv4PrefixLength() { return rrlIpv4PrefixLength; }
    /** Lodestar: the IPv6 prefix length that makes one rate-limited client. */
    public int rrlIpv6PrefixLength() { return rrlIpv6PrefixLength; }
    /** Lodestar: the largest Mesos state document read (bytes); a larger one fails the refresh. */
    public int stateMaxBytes() { return stateMaxBytes; }
    /** Lodestar: the largest record of the operator API event stream (bytes); a larger one drops the stream. */
    public int streamMaxRecordBytes() { return streamMaxRecordBytes; }
    /** Lodestar: the most HTTP connections open at once; more are reset on accept. */
    public int httpMaxConnections() { return httpMaxConnections; }
    /** Lodestar: the longest HTTP request line, and the most bytes of request headers. */
    public int httpMaxRequestBytes() { return httpMaxRequestBytes; }
    /**
     * Lodestar: when not empty, {@code /v1/config}, {@code /v1/enumerate} and {@code /v1/axfr} require
     * {@code Authorization: Bearer <token>}. A secret: never logged, echoed or shown by {@link #toString()}.
     */
    public String httpApiToken() { return httpApiToken; }
    /**
     * Lodestar: serve from this local Mesos state JSON file instead of a master; empty = use masters/zk. Loaded
     * configs hold an absolute path (a relative one is resolved against the config file's directory).
     */
    public String stateFile() { return stateFile; }
    /** Lodestar: the largest UDP response we send to an EDNS client (RFC 6891; default 1232, the DNS Flag Day 2020 value). */
    public int udpMaxResponseSize() { return udpMaxResponseSize; }
    // Beyond Mesos-DNS (issue 10), see docs/naming.md.
    /** Lodestar: answer PTR queries for the exact reverse names of the addresses Lodestar publishes. */
    public boolean reverseLookups() { return reverseLookups; }
    /** Lodestar: the most names one PTR answer lists (fewer when they would not fit 512 bytes). */
    public int reverseMaxNames() { return reverseMaxNames; }
    /** Lodestar: leave out tasks that have a Mesos health check and are not healthy. */
    public boolean healthyTasksOnly() { return healthyTasksOnly; }
    /** Lodestar: network names ({@code network_infos[].name}) whose addresses are preferred as task addresses. */
    public List<String> preferredNetworks() { return preferredNetworks; }
    /** Lodestar: CIDR blocks whose addresses are preferred as task addresses (each parses as a {@link CidrBlock}). */
    public List<String> preferredCidrs() { return preferredCidrs; }
    /** Lodestar: serve DC/OS names ({@code *.dcos.thisdcos.directory}, {@code *.mesos.thisdcos.directory}). */
    public boolean dcosZones() { return dcosZones; }
    /** Lodestar: serve named VIPs as {@code *.l4lb.thisdcos.directory} names of their backends. */
    public boolean dcosVips() { return dcosVips; }
    /** Lodestar: seconds a TCP connection may stay idle between queries (RFC 7766 section 6.2.3). */
    public int tcpIdleTimeoutSeconds() { return tcpIdleTimeoutSeconds; }
    /** Lodestar: the most TCP connections open at once; more are closed on accept. */
    public int tcpMaxConnections() { return tcpMaxConnections; }
    /** Lodestar: the most queries one TCP connection may have waiting for answers. */
    public int tcpMaxQueriesPerConnection() { return tcpMaxQueriesPerConnection; }
    /**
     * Lodestar: {@code /ready} fails once the records were last confirmed longer ago than this; the configured value,
     * or 3 x {@code refreshSeconds} when it is 0 (the default).
     */
    public long readyStalenessSeconds() {
        return readyStalenessSeconds > 0 ? readyStalenessSeconds : 3L * refreshSeconds;
    }
    // Live state (issue 4)
    /** Lodestar: how state is read from the leading master, {@code "poll"} ({@code /master/state}) or {@code "stream"} (operator API events). */
    public String stateSource() { return stateSource; }
    /** Lodestar, stream source: the least time between two snapshot swaps, in milliseconds. */
    public int streamCoalesceMillis() { return streamCoalesceMillis; }
    /** Lodestar, stream source: seconds between full reconciliations by {@code /master/state}; 0 = never. */
    public int streamReconcileSeconds() { return streamReconcileSeconds; }
    /** Lodestar: seconds the tasks of agents a new leader lists as recovered are kept while they re-register; 0 = not kept. */
    public int recoveredAgentGraceSeconds() { return recoveredAgentGraceSeconds; }
    /** Lodestar: with {@code mesosHTTPSOn}, accept any master certificate (no verification). Off by default. */
    public boolean mesosHttpsInsecure() { return mesosHttpsInsecure; }
    /** Lodestar: bind the DNS ports at once and answer SERVFAIL until the first snapshot (default: bind after it, as Mesos-DNS). */
    public boolean servfailBeforeReady() { return servfailBeforeReady; }
    /** Lodestar: IP addresses and CIDR blocks whose queries outside our zones are forwarded; others get REFUSED. */
    public List<String> allowRecursion() { return allowRecursion; }
    /** Lodestar: seconds per forwarding attempt, fraction allowed; 0 (the default) means {@link #timeout()}. */
    public double forwardTimeoutSeconds() { return forwardTimeoutSeconds; }
    /** The effective time one upstream gets to answer a forwarded query before the next one is tried. */
    public java.time.Duration forwardTimeout() {
        if (forwardTimeoutSeconds <= 0) {
            return java.time.Duration.ofSeconds(timeout);
        }
        return java.time.Duration.ofNanos(Math.max(1_000_000L, Math.round(forwardTimeoutSeconds * 1e9)));
    }
    /** Lodestar: the most forwarded queries waiting for upstreams at once; more get SERVFAIL at once. */
    public int forwardMaxInFlight() { return forwardMaxInFlight; }
    /** Lodestar: the most forwarded replies cached; 0 (the default) turns the cache off. */
    public int forwardCacheEntries() { return forwardCacheEntries; }

    @Override
    public String toString() {
        return "Config[domain=" + domain + ", port=" + port + ", httpport=" + httpPort + ", masters=" + masters
                + ", zk=" + zk + ", stateFile=" + stateFile + ", listener=" + listener + ", ttl=" + ttl
                + ", refreshSeconds=" + refreshSeconds + ", ipSources=" + ipSources + ", resolvers=" + resolvers
                + ", mesosCredentials=" + mesosCredentials + "]";
    }

    /** Mutable builder with every default preset. Not thread-safe; use it, build, drop it. */
    public static final class Builder {
        int refreshSeconds = 60;
        int port = 53;
        int timeout = 5;
        int stateTimeoutSeconds = 300;
        int zkDetectionTimeout = 30;
        int httpPort = 8123;
        int ttl = 60;
        int srvRecordDefaultWeight = 1;
        long soaRefresh = 60;
        long soaRetry = 600;
        long soaExpire = 86400;
        long soaMinttl = 60;
        String soaMname = "ns1.mesos";
        String soaRname = "root.ns1.mesos";
        List<String> masters = List.of();
        Map<String, List<String>> zoneResolvers = Map.of();
        List<String> resolvers = List.of("8.8.8.8");
        List<String> ipSources = List.of("netinfo", "mesos", "host");
        String zk = "";
        String domain = "mesos";
        String file = "";
        String listener = "0.0.0.0";
        String httpListener = "0.0.0.0";
        boolean recurseOn = true;
        boolean dnsOn = true;
        boolean httpOn = true;
        boolean externalOn = true;
        boolean enforceRfc952 = false;
        boolean setTruncateBit = true;
        boolean enumerationOn = true;
        boolean mesosHttpsOn = false;
        String caCertFile = "";
        String certFile = "";
        String keyFile = "";
        Credentials mesosCredentials = Credentials.NONE;
        String iamConfigFile = "";
        String mesosAuthentication = "";
        // Hardening (issue 9): rate limiting off, as in Mesos-DNS; see docs/reliability.md.
        int rrlResponsesPerSecond = 0;
        int rrlWindowSeconds = 15;
        int rrlSlip = 2;
        int rrlIpv4PrefixLength = 24;
        int rrlIpv6PrefixLength = 56;
        int stateMaxBytes = io.lodestar.mesos.StateParser.DEFAULT_MAX_BYTES;
        int streamMaxRecordBytes = io.lodestar.mesos.StateParser.DEFAULT_MAX_BYTES;
        int httpMaxConnections = 256;
        int httpMaxRequestBytes = 8192;
        String httpApiToken = "";
        String stateFile = "";
        int udpMaxResponseSize = 1232;
        // Beyond Mesos-DNS (issue 10)
        boolean reverseLookups = false;
        int reverseMaxNames = 8;
        boolean healthyTasksOnly = false;
        List<String> preferredNetworks = List.of();
        List<String> preferredCidrs = List.of();
        boolean dcosZones = false;
        boolean dcosVips = false;
        int tcpIdleTimeoutSeconds = 10;
        int tcpMaxConnections = 1024;
        int tcpMaxQueriesPerConnection = 64;
        int readyStalenessSeconds = 0;
        // Live state (issue 4)
        String stateSource = "poll";
        int streamCoalesceMillis = 250;
        int streamReconcileSeconds = 300;
        int recoveredAgentGraceSeconds = 600;
        boolean mesosHttpsInsecure = false;
        boolean servfailBeforeReady = false;
        // Forwarding (issue 5): every client may recurse, as with Mesos-DNS; see docs/forwarding.md.
        List<String> allowRecursion = List.of("0.0.0.0/0", "::/0");
        double forwardTimeoutSeconds = 0;
        int forwardMaxInFlight = 10_000;
        int forwardCacheEntries = 0;

        private Builder() {
        }

        public Builder refreshSeconds(int v) { refreshSeconds = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder timeout(int v) { timeout = v; return this; }
        public Builder stateTimeoutSeconds(int v) { stateTimeoutSeconds = v; return this; }
        public Builder zkDetectionTimeout(int v) { zkDetectionTimeout = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder ttl(int v) { ttl = v; return this; }
        public Builder srvRecordDefaultWeight(int v) { srvRecordDefaultWeight = v; return this; }
        public Builder soaRefresh(long v) { soaRefresh = v; return this; }
        public Builder soaRetry(long v) { soaRetry = v; return this; }
        public Builder soaExpire(long v) { soaExpire = v; return this; }
        public Builder soaMinttl(long v) { soaMinttl = v; return this; }
        public Builder soaMname(String v) { soaMname = v; return this; }
        public Builder soaRname(String v) { soaRname = v; return this; }
        public Builder masters(List<String> v) { masters = v; return this; }
        public Builder zoneResolvers(Map<String, List<String>> v) { zoneResolvers = v; return this; }
        public Builder resolvers(List<String> v) { resolvers = v; return this; }
        public Builder ipSources(List<String> v) { ipSources = v; return this; }
        public Builder zk(String v) { zk = v; return this; }
        public Builder domain(String v) { domain = v; return this; }
        public Builder file(String v) { file = v; return this; }
        public Builder listener(String v) { listener = v; return this; }
        public Builder httpListener(String v) { httpListener = v; return this; }
        public Builder recurseOn(boolean v) { recurseOn = v; return this; }
        public Builder dnsOn(boolean v) { dnsOn = v; return this; }
        public Builder httpOn(boolean v) { httpOn = v; return this; }
        public Builder externalOn(boolean v) { externalOn = v; return this; }
        public Builder enforceRfc952(boolean v) { enforceRfc952 = v; return this; }
        public Builder setTruncateBit(boolean v) { setTruncateBit = v; return this; }
        public Builder enumerationOn(boolean v) { enumerationOn = v; return this; }
        public Builder mesosHttpsOn(boolean v) { mesosHttpsOn = v; return this; }
        public Builder caCertFile(String v) { caCertFile = v; return this; }
        public Builder certFile(String v) { certFile = v; return this; }
        public Builder keyFile(String v) { keyFile = v; return this; }
        public Builder mesosCredentials(Credentials v) { mesosCredentials = v; return this; }
        public Builder iamConfigFile(String v) { iamConfigFile = v; return this; }
        public Builder mesosAuthentication(String v) { mesosAuthentication = v; return this; }
        // Hardening (issue 9)
        public Builder rrlResponsesPerSecond(int v) { rrlResponsesPerSecond = v; return this; }
        public Builder rrlWindowSeconds(int v) { rrlWindowSeconds = v; return this; }
        public Builder rrlSlip(int v) { rrlSlip = v; return this; }
        public Builder rrlIpv4PrefixLength(int v) { rrlIpv4PrefixLength = v; return this; }
        public Builder rrlIpv6PrefixLength(int v) { rrlIpv6PrefixLength = v; return this; }
        public Builder stateMaxBytes(int v) { stateMaxBytes = v; return this; }
        public Builder streamMaxRecordBytes(int v) { streamMaxRecordBytes = v; return this; }
        public Builder httpMaxConnections(int v) { httpMaxConnections = v; return this; }
        public Builder httpMaxRequestBytes(int v) { httpMaxRequestBytes = v; return this; }
        public Builder httpApiToken(String v) { httpApiToken = v; return this; }
        public Builder stateFile(String v) { stateFile = v; return this; }
        public Builder udpMaxResponseSize(int v) { udpMaxResponseSize = v; return this; }
        // Beyond Mesos-DNS (issue 10)
        public Builder reverseLookups(boolean v) { reverseLookups = v; return this; }
        public Builder reverseMaxNames(int v) { reverseMaxNames = v; return this; }
        public Builder healthyTasksOnly(boolean v) { healthyTasksOnly = v; return this; }
        public Builder preferredNetworks(List<String> v) { preferredNetworks = v; return this; }
        public Builder preferredCidrs(List<String> v) { preferredCidrs = v; return this; }
        public Builder dcosZones(boolean v) { dcosZones = v; return this; }
        public Builder dcosVips(boolean v) { dcosVips = v; return this; }
        public Builder tcpIdleTimeoutSeconds(int v) { tcpIdleTimeoutSeconds = v; return this; }
        public Builder tcpMaxConnections(int v) { tcpMaxConnections = v; return this; }
        public Builder tcpMaxQueriesPerConnection(int v) { tcpMaxQueriesPerConnection = v; return this; }
        /** 0 means 3 x {@code refreshSeconds}. */
        public Builder readyStalenessSeconds(int v) { readyStalenessSeconds = v; return this; }
        // Live state (issue 4)
        public Builder stateSource(String v) { stateSource = v; return this; }
        public Builder streamCoalesceMillis(int v) { streamCoalesceMillis = v; return this; }
        public Builder streamReconcileSeconds(int v) { streamReconcileSeconds = v; return this; }
        public Builder recoveredAgentGraceSeconds(int v) { recoveredAgentGraceSeconds = v; return this; }
        public Builder mesosHttpsInsecure(boolean v) { mesosHttpsInsecure = v; return this; }
        public Builder servfailBeforeReady(boolean v) { servfailBeforeReady = v; return this; }
        public Builder allowRecursion(List<String> v) { allowRecursion = v; return this; }
        public Builder forwardTimeoutSeconds(double v) { forwardTimeoutSeconds = v; return this; }
        public Builder forwardMaxInFlight(int v) { forwardMaxInFlight = v; return this; }
        public Builder forwardCacheEntries(int v) { forwardCacheEntries = v; return this; }

        public Config build() {
            return new Config(this);
        }
    }
}
