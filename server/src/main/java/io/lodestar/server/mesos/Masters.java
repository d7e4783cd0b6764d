package io.lodestar.server.mesos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What leader detection knows at one moment: the masters list of spec 3.1, whose first entry is the believed leader
 * ({@code ""} when unknown) and the rest the other masters in a stable order (as configured, or by ZooKeeper
 * sequence), and whether the detector itself works.
 *
 * @param list        the masters list; the same list numbers the {@code masterN} records
 * @param detectorUp  false while ZooKeeper cannot be reached (the list then holds the configured fallback masters)
 * @param version     grows with every change, so that a waiter can tell a newer list from the one it had
 */
public record Masters(List<String> list, boolean detectorUp, long version) {

    public Masters {
        list = List.copyOf(list);
    }

    /** Static masters (spec 3.2 and 3.1): no leader known, the configured masters tried in order. */
    public static Masters fallback(List<String> configured, boolean detectorUp, long version) {
        List<String> l = new ArrayList<>();
        l.add("");
        l.addAll(configured);
        return new Masters(l, detectorUp, version);
    }

    /** The believed leader, {@code host:port}, or {@code ""}. */
    public String leader() {
        return list.isEmpty() ? "" : list.get(0);
    }

    /** The masters to ask for state, in order: the leader, then the others; no empty entries or repeats. */
    public List<String> candidates() {
        return candidatesAfter("");
    }

    /** {@link #candidates()} with {@code first} (when not empty) asked before all of them. */
    public List<String> candidatesAfter(String first) {
        Set<String> out = new LinkedHashSet<>();
        if (!first.isEmpty()) {
            out.add(first);
        }
        for (String m : list) {
            if (!m.isEmpty()) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }
}
