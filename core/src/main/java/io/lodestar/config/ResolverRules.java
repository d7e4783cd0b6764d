package io.lodestar.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Step 3 of spec section 2.3, run only when {@code externalon} is true: fill an empty {@code resolvers} from
 * resolv.conf, then check {@code resolvers} and {@code zoneResolvers}.
 */
final class ResolverRules {
    private static final String EXPECTED_RESOLVER =
            "expected an IP or IP:port, e.g. 8.8.8.8, 8.8.8.8:53, 2001:db8::1 or [2001:db8::1]:53";

    private ResolverRules() {
    }

    static void apply(Config.Builder b, Environment env, Consumer<String> warnings) throws ConfigException {
        if (b.resolvers.isEmpty()) {
            b.resolvers(fromResolvConf(env, warnings));
        }
        requireResolvers("resolvers", b.resolvers, "");
        b.zoneResolvers(checkZones(b.zoneResolvers, b.domain));
    }

    /** The {@code nameserver} entries of resolv.conf, minus this machine's own addresses (Mesos-DNS does so). */
    static List<String> fromResolvConf(Environment env, Consumer<String> warnings) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(env.resolvConf(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException("resolvers", "resolvers is empty and " + env.resolvConf() + " cannot be read: "
                    + FileProblems.reason(e) + " (expected a readable resolv.conf, or resolvers in the config)");
        }
        List<byte[]> local = env.localAddresses().get().stream().map(InetAddress::getAddress).toList();
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 1 && fields[0].equals("nameserver") && !isLocal(fields[1], local)) {
                kept.add(fields[1]);
            }
        }
        if (kept.isEmpty()) {
            warnings.accept("resolvers: " + env.resolvConf() + " names no nameserver other than this machine;"
                    + " queries outside the Mesos domain will be refused");
        }
        return List.copyOf(kept);
    }

    private static boolean isLocal(String server, List<byte[]> local) {
        byte[] ip = AddressSyntax.ipLiteral(server);
        return ip != null && local.stream().anyMatch(address -> Arrays.equals(address, ip));
    }

    /** Each entry is {@code ip}, {@code ip:port} or {@code [ipv6]:port}; no two mean the same ip:port. */
    static void requireResolvers(String key, List<String> resolvers, String where) throws ConfigException {
        Set<String> seen = new HashSet<>();
        for (String entry : resolvers) {
            String host = entry;
            String port = "53";
            try {
                AddressSyntax.Split split = AddressSyntax.split(entry);
                host = split.host();
                port = split.port();
            } catch (IllegalArgumentException e) {
                // Not host:port: the whole entry is the IP and the port is 53, as in Mesos-DNS.
            }
            String ip = AddressSyntax.canonicalIp(host);
            if (ip == null) {
                throw new ConfigException(key, "illegal ip specified: " + host + where + " (" + EXPECTED_RESOLVER + ")");
            }
            int portNumber = AddressSyntax.port(port);
            if (portNumber < 0) {
                throw new ConfigException(key, "illegal host:port specified: " + entry + where
                        + " (" + EXPECTED_RESOLVER + ", port 1..65535)");
            }
            if (!seen.add(ip + " " + portNumber)) {
                throw new ConfigException(key, "duplicate found: " + entry + where + " (expected each resolver once)");
            }
        }
    }

    /**
     * Checks each zone in upstream order (empty list, name syntax, resolvers, the Mesos domain itself), then that no
     * zone masks another or the Mesos domain. Zone names are compared and returned in lowercase.
     */
    static Map<String, List<String>> checkZones(Map<String, List<String>> zones, String domain)
            throws ConfigException {
        String key = "zoneResolvers";
        String mesosDomain = domain.toLowerCase(Locale.ROOT);
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> zone : zones.entrySet()) {
            String name = zone.getKey();
            if (zone.getValue().isEmpty()) {
                throw new ConfigException(key, "field ZoneResolver " + name + " is empty (expected at least one resolver)");
            }
            if (!ConfigRules.isDomainName(name)) {
                throw new ConfigException(key, "invalid domain name: " + name + " (" + ConfigRules.EXPECTED_DOMAIN + ")");
            }
            requireResolvers(key, zone.getValue(), " for zone " + name);
            String lowercase = name.toLowerCase(Locale.ROOT);
            if (lowercase.equals(mesosDomain)) {
                throw new ConfigException(key, "can't specify ZoneResolver for Mesos domain (" + mesosDomain
                        + ") (expected zones outside the Mesos domain)");
            }
            if (checked.put(lowercase, zone.getValue()) != null) {
                throw new ConfigException(key, "duplicate found: " + name + " (expected each zone once; zone names are"
                        + " case-insensitive)");
            }
        }
        List<String> all = new ArrayList<>();
        checked.keySet().forEach(zone -> all.add("." + zone));
        all.add("." + mesosDomain);
        for (String a : all) {
            for (String b : all) {
                if (!a.equals(b) && a.endsWith(b)) {
                    throw new ConfigException(key, "ambiguous zone resolvers: " + a + " is masked by " + b
                            + " (expected no zone inside another zone or inside the Mesos domain, and no zone"
                            + " holding the Mesos domain)");
                }
            }
        }
        return checked;
    }
}
