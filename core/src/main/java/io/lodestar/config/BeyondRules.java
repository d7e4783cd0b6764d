package io.lodestar.config;

import java.util.List;
import java.util.Locale;

/**
 * Checks of the keys for the features beyond Mesos-DNS (issue 10): reverse lookups, preferred task networks and
 * CIDR blocks, and the DC/OS zones, whose names must not collide with the Mesos domain or a forwarded zone.
 */
final class BeyondRules {
    /** The DC/OS zone Lodestar serves when {@code dcosZones} or {@code dcosVips} is on. */
    static final String DCOS_ZONE = "thisdcos.directory";

    private BeyondRules() {
    }

    /** Table check of {@code preferredNetworks}: network names are not empty. */
    static void requireNetworkNames(String key, List<String> names) throws ConfigException {
        for (String name : names) {
            if (name.isEmpty()) {
                throw new ConfigException(key, "an empty network name is not allowed"
                        + " (expected names of Mesos networks, as in network_infos[].name, e.g. dcos)");
            }
        }
    }

    /** Table check of {@code preferredCidrs}: each entry is an address or a CIDR block. */
    static void requireCidrBlocks(String key, List<String> blocks) throws ConfigException {
        for (String block : blocks) {
            if (CidrBlock.parse(block) == null) {
                throw new ConfigException(key, JsonKind.quote(block) + " is not a CIDR block"
                        + " (expected an IP address or a block such as 10.0.0.0/8 or fd00::/8)");
            }
        }
    }

    /** Checks that involve several keys; runs after the domain and the resolvers were checked. */
    static void apply(Config.Builder b) throws ConfigException {
        String domain = b.domain.toLowerCase(Locale.ROOT);
        boolean dcos = b.dcosZones || b.dcosVips;
        if (dcos && overlaps(domain, DCOS_ZONE)) {
            throw new ConfigException("domain", domain + " overlaps " + DCOS_ZONE + ", which Lodestar serves when"
                    + " dcosZones or dcosVips is on (expected a domain outside it, e.g. mesos)");
        }
        if (b.reverseLookups && (domain.equals("arpa") || domain.endsWith(".arpa"))) {
            throw new ConfigException("domain", domain + " is inside arpa, where reverseLookups publishes names"
                    + " (expected a domain outside arpa, e.g. mesos)");
        }
        if (dcos && b.externalOn) {
            for (String zone : b.zoneResolvers.keySet()) {
                String z = zone.toLowerCase(Locale.ROOT);
                if (z.equals(DCOS_ZONE) || z.endsWith("." + DCOS_ZONE)) {
                    throw new ConfigException("zoneResolvers", "zone " + zone + " is inside " + DCOS_ZONE
                            + ", which Lodestar serves itself when dcosZones or dcosVips is on"
                            + " (expected no zone resolvers there)");
                }
            }
        }
    }

    /** True when one name is the other or below it, on label boundaries. */
    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }
}
