package io.lodestar.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects, while records are built, the names each published address should answer PTR queries with, and adds
 * them as PTR records at the end: the most important kinds first (leader, masters, agents, frameworks, tasks), in
 * the order they were found within a kind, at most {@code reverseMaxNames} per address.
 */
final class ReverseNames {

    /** What an address belongs to; the order is the order of the names in a PTR answer. */
    enum Kind {
        LEADER, MASTER, AGENT, FRAMEWORK, TASK
    }

    private record Entry(String name, Kind kind, int order) {
    }

    private final boolean enabled;
    private final Map<IpLiteral, List<Entry>> byAddress = new LinkedHashMap<>();
    private int order;

    private ReverseNames(boolean enabled) {
        this.enabled = enabled;
    }

    /** A collector that keeps what it is given ({@code reverseLookups} on), or one that ignores it. */
    static ReverseNames of(boolean enabled) {
        return new ReverseNames(enabled);
    }

    /** Remembers that {@code ip} belongs to {@code name} (a lowercase FQDN with its trailing dot). */
    void add(IpLiteral ip, String name, Kind kind) {
        if (enabled) {
            byAddress.computeIfAbsent(ip, k -> new ArrayList<>()).add(new Entry(name, kind, order++));
        }
    }

    void addAll(List<IpLiteral> ips, String name, Kind kind) {
        for (IpLiteral ip : ips) {
            add(ip, name, kind);
        }
    }

    /** Adds the PTR records: per address, distinct names by kind then discovery order, at most {@code max}. */
    void emit(RecordEmitter out, int max) {
        for (Map.Entry<IpLiteral, List<Entry>> e : byAddress.entrySet()) {
            List<Entry> entries = new ArrayList<>(e.getValue());
            entries.sort(Comparator.comparing(Entry::kind).thenComparingInt(Entry::order));
            Set<String> names = new LinkedHashSet<>();
            for (Entry entry : entries) {
                names.add(entry.name());
            }
            String owner = Zones.reverseName(e.getKey());
            int added = 0;
            for (String name : names) {
                if (added == max) {
                    break; // the cap is a choice, not a fault: not counted as skipped
                }
                if (out.addPtr(owner, name)) {
                    added++;
                }
            }
        }
    }
}
