package io.lodestar.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses the address strings of a record set into RDATA bytes at build time, never resolving a hostname. */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The 4 bytes of a dotted quad, or null when {@code s} is not one (a hostname, QUIRK 7). */
    static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        return ipv4(s, out) ? out : null;
    }

    /** Writes the 4 bytes of a dotted quad to {@code out}; false when {@code s} is not one. */
    static boolean ipv4(String s, byte[] out) {
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return false;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return part == 4;
    }

    /**
     * The 16 bytes of an IPv6 literal (a zone index such as {@code %eth0} is dropped: it means nothing off the
     * host), or null when {@code s} is not one. Strings with a colon are never looked up by {@link InetAddress}.
     */
    static byte[] ipv6(String s) {
        int percent = s.indexOf('%');
        String literal = percent >= 0 ? s.substring(0, percent) : s;
        if (literal.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address instanceof Inet6Address ? address.getAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
