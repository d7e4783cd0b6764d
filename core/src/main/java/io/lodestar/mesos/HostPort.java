package io.lodestar.mesos;

/**
 * A {@code host:port} pair as Go's {@code net.SplitHostPort} reads it: IPv6 hosts in brackets, the port a
 * decimal 0..65535.
 */
public record HostPort(String host, int port) {

    /** Parses {@code host:port} or {@code [v6]:port}; returns null when malformed. The host may be empty. */
    public static HostPort parse(String text) {
        if (text == null) {
            return null;
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                return null; // no port, or an unbracketed IPv6 address
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        int p = parsePort(port);
        return p < 0 ? null : new HostPort(host, p);
    }

    /** A decimal port 0..65535, or -1. */
    public static int parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /** {@code host:port}, bracketing the host when it contains a colon. */
    public static String join(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return join(host, port);
    }
}
