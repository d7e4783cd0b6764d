package io.lodestar.mesos;

import java.util.ArrayList;
import java.util.List;

/** Mesos port resources in their text form, {@code [31000-31002, 31005-31005]} (spec 4.5), expanded in order. */
final class PortRanges {
    private PortRanges() {
    }

    static List<Integer> parse(String text, String taskId, SkipReport.Collector skips) {
        // Read in place (no trimmed copies, no split): every task has this field.
        int from = skipSpace(text, 0, text.length());
        int to = trimEnd(text, from, text.length());
        if (from == to || (to - from == 2 && text.charAt(from) == '[' && text.charAt(from + 1) == ']')) {
            return List.of();
        }
        int open = text.indexOf('[', from);
        int close = open < 0 ? -1 : text.indexOf(']', open);
        if (open < 0 || close < 0) {
            skips.skip("task: malformed ports", taskId);
            return List.of();
        }
        List<Integer> ports = new ArrayList<>(4);
        for (int part = open + 1; part <= close; ) {
            int comma = text.indexOf(',', part);
            int end = comma < 0 || comma > close ? close : comma;
            int a = skipSpace(text, part, end);
            int b = trimEnd(text, a, end);
            part = end + 1;
            if (a == b) {
                continue;
            }
            int dash = text.indexOf('-', a);
            if (dash >= b) {
                dash = -1;
            }
            int lo = port(text, a, dash < 0 ? b : dash);
            int hi = dash < 0 ? lo : port(text, dash + 1, b);
            if (lo < 0 || hi < 0 || hi < lo) {
                skips.skip("task: malformed ports", taskId);
                continue;
            }
            for (int p = lo; p <= hi; p++) {
                if (ports.size() >= Entries.MAX_PORTS_PER_TASK) {
                    skips.skip("task: too many ports", taskId);
                    return List.copyOf(ports);
                }
                ports.add(p);
            }
        }
        return switch (ports.size()) {
            case 0 -> List.of();
            case 1 -> List.of(ports.get(0));
            default -> List.copyOf(ports);
        };
    }

    /** {@link HostPort#parsePort} of the trimmed text between {@code from} and {@code to}. */
    private static int port(String text, int from, int to) {
        int a = skipSpace(text, from, to);
        int b = trimEnd(text, a, to);
        if (a == b || b - a > 5) {
            return -1;
        }
        int v = 0;
        for (int i = a; i < b; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /** The first index from {@code from} that {@link String#trim} would keep. */
    private static int skipSpace(String text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /** The end that {@link String#trim} would keep of the text between {@code from} and {@code to}. */
    private static int trimEnd(String text, int from, int to) {
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }
}
