package io.lodestar.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The checks that look at several keys, in the order of spec section 2.3, plus Lodestar's: they run once every
 * key has been read on its own, and complete the builder (resolv.conf fallback, zk URL, stateFile path).
 */
final class ConfigRules {
    static final String EXPECTED_DOMAIN =
            "expected labels of letters, digits and hyphens joined by single dots, e.g. mesos or dc1.example";
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
    private static final List<String> IP_SOURCES = List.of("netinfo", "mesos", "docker", "host");

    private ConfigRules() {
    }

    static void apply(Config.Builder b, Path configFile, Environment env, Consumer<String> warnings)
            throws ConfigException {
        // 1. Enabled services and a source of state.
        if (!b.dnsOn && !b.httpOn) {
            throw new ConfigException("dnson", "either DNS or HTTP server should be on"
                    + " (expected dnson or httpon to be true)");
        }
        if (b.masters.isEmpty() && b.zk.isEmpty() && b.stateFile.isEmpty()) {
            throw new ConfigException("masters", "specify Mesos masters or Zookeeper in config.json"
                    + " (expected masters, zk or stateFile)");
        }
        // 2. Masters, then (Lodestar) the zk URL.
        requireMasters(b.masters);
        requireZk(b, warnings);
        // 3. Resolvers, only when forwarding.
        if (b.externalOn) {
            ResolverRules.apply(b, env, warnings);
        }
        // 4-6.
        requireIpSources(b.ipSources);
        if (b.stateTimeoutSeconds <= 0) {
            throw new ConfigException("stateTimeoutSeconds", "Invalid HTTP Timeout: " + b.stateTimeoutSeconds
                    + " (expected a whole number > 0)");
        }
        String domain = b.domain.toLowerCase(Locale.ROOT);
        if (!isDomainName(domain)) {
            throw new ConfigException("domain", domain + " is not a valid domain name (" + EXPECTED_DOMAIN + ")");
        }
        // 7. SOA names are normalised by Config itself; then TLS files and authentication.
        MesosAccessRules.apply(b, warnings);
        // Lodestar: a relative stateFile is relative to the config file.
        resolveStateFile(b, configFile);
        // Lodestar: the zones of the features beyond Mesos-DNS must not collide with the domain or forwarded zones.
        BeyondRules.apply(b);
    }

    /** One or more labels of {@code [A-Za-z0-9-]} joined by single dots, as Mesos-DNS checks domains. */
    static boolean isDomainName(String name) {
        return DOMAIN.matcher(name).matches();
    }

    /** Each master is {@code host:port} (any non-empty host; IPs compared canonically), without duplicates. */
    private static void requireMasters(List<String> masters) throws ConfigException {
        String expected = " (expected host:port with a port 1..65535, e.g. 10.0.0.1:5050 or [2001:db8::1]:5050)";
        Set<String> seen = new HashSet<>();
        for (String master : masters) {
            AddressSyntax.Split split;
            try {
                split = AddressSyntax.split(master);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("masters", "illegal host:port specified: " + master + ". Error: "
                        + e.getMessage() + expected);
            }
            int port = AddressSyntax.port(split.port());
            if (port < 0 || split.host().isEmpty()) {
                throw new ConfigException("masters", "illegal host:port specified: " + master + expected);
            }
            String ip = AddressSyntax.canonicalIp(split.host());
            if (!seen.add((ip != null ? ip : split.host()) + " " + port)) {
                throw new ConfigException("masters", "duplicate found: " + master + " (expected each master once)");
            }
        }
    }

    private static void requireZk(Config.Builder b, Consumer<String> warnings) throws ConfigException {
        if (b.zk.isEmpty()) {
            return;
        }
        String url = ZkUrl.parse(b.zk).toString();
        if (!url.equals(b.zk)) {
            warnings.accept("zk: the user information in the URL is ignored, as Mesos-DNS ignores it; using " + url);
            b.zk(url);
        }
    }

    private static void requireIpSources(List<String> sources) throws ConfigException {
        String names = String.join(", ", IP_SOURCES);
        if (sources.isEmpty()) {
            throw new ConfigException("IPSources", "empty ip sources (expected a non-empty list of " + names + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String source : sources) {
            if (!seen.add(source)) {
                throw new ConfigException("IPSources", "duplicate ip source specified: " + JsonKind.quote(source)
                        + " (expected each source once)");
            }
        }
        for (String source : sources) {
            if (!IP_SOURCES.contains(source)) {
                throw new ConfigException("IPSources", "invalid ip source " + JsonKind.quote(source)
                        + " (expected one of " + names + ")");
            }
        }
    }

    private static void resolveStateFile(Config.Builder b, Path configFile) throws ConfigException {
        if (b.stateFile.isEmpty()) {
            return;
        }
        try {
            b.stateFile(configFile.resolveSibling(b.stateFile).normalize().toString());
        } catch (InvalidPathException e) {
            throw new ConfigException("stateFile", JsonKind.quote(b.stateFile) + " is not a valid path: "
                    + e.getReason() + " (expected the path of a Mesos state JSON file)");
        }
    }
}
