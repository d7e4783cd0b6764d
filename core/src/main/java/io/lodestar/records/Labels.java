package io.lodestar.records;

/**
 * The label functions of Mesos-DNS (spec 6.1): RFC 1123 (default: up to 63 characters, may start with a digit) and
 * RFC 952 ({@code EnforceRFC952}: up to 24 characters, no leading digits), and {@code DomainFrag}, which keeps the
 * dots of a framework name as label separators.
 *
 * <p>One deliberate fix (QUIRK 8): upstream's refill step can leave a label ending in {@code -}, which is not a
 * legal host label; here a trailing {@code -} is always trimmed, which also makes every function idempotent.
 */
public enum Labels {
    RFC1123(63, false),
    RFC952(24, true);

    private final int maxLength;
    private final boolean cutLeadingDigits;

    Labels(int maxLength, boolean cutLeadingDigits) {
        this.maxLength = maxLength;
        this.cutLeadingDigits = cutLeadingDigits;
    }

    /** The function that {@code EnforceRFC952} selects. */
    public static Labels of(boolean enforceRfc952) {
        return enforceRfc952 ? RFC952 : RFC1123;
    }

    public int maxLength() {
        return maxLength;
    }

    /**
     * One label from arbitrary text: uppercase folded, {@code - . _} become {@code -}, every other character outside
     * {@code [a-z0-9]} dropped, leading {@code -} (and digits for RFC 952) cut, shortened to the limit by refilling
     * from the text after the cut as upstream does, and no trailing {@code -}. May return the empty string.
     */
    public String label(String name) {
        StringBuilder mapped = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                mapped.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                mapped.append(c);
            } else if (c == '-' || c == '.' || c == '_') {
                mapped.append('-');
            }
        }
        int start = 0;
        while (start < mapped.length() && isLeftCut(mapped.charAt(start))) {
            start++;
        }
        String s = mapped.substring(start);
        int size = Math.min(s.length(), maxLength);
        String head = trimTrailingDashes(s.substring(0, size));
        String result;
        if (head.length() == size) {
            result = head;
        } else {
            String tail = trimLeadingDashes(s.substring(size));
            result = head + tail.substring(0, Math.min(tail.length(), size - head.length()));
        }
        return trimTrailingDashes(result);
    }

    /**
     * Upstream's {@code DomainFrag}: split on dots, {@link #label} each part, drop parts that became empty, join with
     * dots. Used for framework names and agent hostnames.
     */
    public String domainFrag(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int from = 0;
        while (from <= name.length()) {
            int dot = name.indexOf('.', from);
            int end = dot < 0 ? name.length() : dot;
            String part = label(name.substring(from, end));
            if (!part.isEmpty()) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part);
            }
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        return out.toString();
    }

    private boolean isLeftCut(char c) {
        return c == '-' || (cutLeadingDigits && c >= '0' && c <= '9');
    }

    private static String trimTrailingDashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimLeadingDashes(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == '-') {
            start++;
        }
        return s.substring(start);
    }
}
