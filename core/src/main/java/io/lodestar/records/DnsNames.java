package io.lodestar.records;

/** Checks on textual DNS names before they become owners or targets. */
public final class DnsNames {
    private DnsNames() {
    }

    /**
     * True when {@code fqdn} (with its trailing dot) encodes on the wire: every label 1..63 bytes of printable
     * ASCII without dots, 255 bytes in all (RFC 1035 section 2.3.4).
     */
    public static boolean fitsWire(String fqdn) {
        if (fqdn.isEmpty() || fqdn.charAt(fqdn.length() - 1) != '.') {
            return false;
        }
        if (fqdn.length() + 1 > 255) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i < fqdn.length(); i++) {
            char c = fqdn.charAt(i);
            if (c == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63) {
                    return false;
                }
                labelStart = i + 1;
            } else if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** True when {@code name} is a sequence of RFC 1123 host labels joined by dots (no trailing dot). */
    public static boolean isHostname(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
