package io.lodestar.mesos;

import java.util.ArrayList;
import java.util.List;

/** Mesos port resources in their text form, {@code [31000-31002, 31005-31005]} (spec 4.5), expanded in order. */
final class PortRanges {
    private PortRanges() {
    }

    static List<Integer> parse(String text, String taskId, SkipReport.Collector skips) {
        String s = text.trim();
        if (s.isEmpty() || s.equals("[]")) {
            return List.of();
        }
        int open = s.indexOf('[');
        int close = open < 0 ? -1 : s.indexOf(']', open);
        if (open < 0 || close < 0) {
            skips.skip("task: malformed ports", taskId);
            return List.of();
        }
        List<Integer> ports = new ArrayList<>();
        for (String part : s.substring(open + 1, close).split(",")) {
            String range = part.trim();
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            int lo = HostPort.parsePort((dash < 0 ? range : range.substring(0, dash)).trim());
            int hi = dash < 0 ? lo : HostPort.parsePort(range.substring(dash + 1).trim());
            if (lo < 0 || hi < 0 || hi < lo) {
                skips.skip("task: malformed ports", taskId);
                continue;
            }
            for (int p = lo; p <= hi; p++) {
                if (ports.size() >= Entries.MAX_PORTS_PER_TASK) {
                    skips.skip("task: too many ports", taskId);
                    return ports;
                }
                ports.add(p);
            }
        }
        return ports;
    }
}
