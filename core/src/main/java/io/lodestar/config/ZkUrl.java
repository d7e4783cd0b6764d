package io.lodestar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ZooKeeper URL {@code zk://host:port[,host:port...]/path}, the only form of the {@code zk} key Lodestar accepts.
 * A {@code user:password@} part is dropped, as Mesos-DNS's detector ignores it too.
 *
 * @param hosts the {@code host:port} servers as written (IPv6 hosts in brackets)
 * @param path  the znode under which the Mesos masters register, e.g. {@code /mesos}
 */
public record ZkUrl(List<String> hosts, String path) {
    private static final String SCHEME = "zk://";
    private static final String EXPECTED = " (expected zk://host:port[,host:port...]/path)";
    private static final Pattern PATH = Pattern.compile("(/[^/]+)+");

    public ZkUrl {
        hosts = List.copyOf(hosts);
    }

    /** Parses a {@code zk} value; the message of a failure never shows a {@code user:password@} part. */
    public static ZkUrl parse(String url) throws ConfigException {
        String shown = JsonKind.quote(withoutUserInfo(url));
        if (!url.startsWith(SCHEME)) {
            throw new ConfigException("zk", shown + " is not a zk:// URL" + EXPECTED);
        }
        String rest = withoutUserInfo(url).substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new ConfigException("zk", shown + " has no path" + EXPECTED);
        }
        String path = rest.substring(slash);
        if (!PATH.matcher(path).matches()) {
            throw new ConfigException("zk", shown + " has an invalid path " + JsonKind.quote(path) + EXPECTED);
        }
        String servers = rest.substring(0, slash);
        if (servers.isEmpty()) {
            throw new ConfigException("zk", shown + " has no host" + EXPECTED);
        }
        List<String> hosts = new ArrayList<>();
        for (String server : servers.split(",", -1)) {
            hosts.add(requireHostPort(server, shown));
        }
        return new ZkUrl(hosts, path);
    }

    private static String requireHostPort(String server, String shown) throws ConfigException {
        try {
            AddressSyntax.Split split = AddressSyntax.split(server);
            if (!split.host().isEmpty() && AddressSyntax.port(split.port()) > 0) {
                return server;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the whole URL
        }
        throw new ConfigException("zk", "illegal host:port specified: " + JsonKind.quote(server) + " in " + shown
                + EXPECTED);
    }

    /** {@code url} without the {@code user:password@} between {@code ://} and the first {@code /} after it. */
    static String withoutUserInfo(String url) {
        int authority = url.indexOf("://");
        if (authority < 0) {
            return url;
        }
        authority += 3;
        int end = url.indexOf('/', authority);
        int at = url.lastIndexOf('@', end < 0 ? url.length() : end);
        return at < authority ? url : url.substring(0, authority) + url.substring(at + 1);
    }

    /** The hosts joined by commas, as ZooKeeper clients take them ({@code h1:2181,h2:2181}). */
    public String connectString() {
        return String.join(",", hosts);
    }

    /** The URL without any user information: {@code zk://h1:2181,h2:2181/mesos}. */
    @Override
    public String toString() {
        return SCHEME + connectString() + path;
    }
}
