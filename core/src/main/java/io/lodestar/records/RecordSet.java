package io.lodestar.records;

import io.lodestar.mesos.SkipReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The records generated from one Mesos state (spec section 5): A, AAAA and SRV values by owner name, PTR values by
 * reverse name (each owner the apex of its own reverse zone, see {@link Zones}), plus the enumeration data of
 * {@code /v1/enumerate}. Owner names and SRV and PTR targets are lowercase FQDNs with a trailing dot; A values are
 * dotted quads, AAAA values compressed lowercase IPv6 (RFC 5952). Within an owner, values are distinct and keep
 * their insertion order (which enumeration output and the order of PTR names show).
 *
 * <p>Immutable once built. Two record sets are {@link #sameRecords(RecordSet) the same} when they hold the same
 * values at the same names, whatever the order: a refresh that produces the same records publishes nothing.
 */
public final class RecordSet {

    /** An SRV value: priority 0 and the configured weight are implied (spec 8.3). */
    public record Srv(String target, int port) {
        @Override
        public String toString() {
            return target + ":" + port;
        }
    }

    /** One record a task added, as {@code /v1/enumerate} shows it. */
    public record EnumRecord(String name, String host, String rtype) {
    }

    /** A task in {@code /v1/enumerate}: raw name, id, and the records it added ({@code []}, never null: QUIRK 16). */
    public record EnumTask(String name, String id, List<EnumRecord> records) {
        public EnumTask {
            records = List.copyOf(records);
        }
    }

    /** A framework in {@code /v1/enumerate}: raw name and its eligible tasks. */
    public record EnumFramework(String name, List<EnumTask> tasks) {
        public EnumFramework {
            tasks = List.copyOf(tasks);
        }
    }

    private final Map<String, List<String>> a;
    private final Map<String, List<String>> aaaa;
    private final Map<String, List<Srv>> srv;
    private final Map<String, List<String>> ptr;
    private final List<EnumFramework> enumeration;
    private final SkipReport skipped;

    private RecordSet(Map<String, List<String>> a, Map<String, List<String>> aaaa, Map<String, List<Srv>> srv,
                      Map<String, List<String>> ptr, List<EnumFramework> enumeration, SkipReport skipped) {
        this.a = a;
        this.aaaa = aaaa;
        this.srv = srv;
        this.ptr = ptr;
        this.enumeration = enumeration;
        this.skipped = skipped;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A values by owner name. */
    public Map<String, List<String>> a() {
        return a;
    }

    /** AAAA values by owner name. */
    public Map<String, List<String>> aaaa() {
        return aaaa;
    }

    /** SRV values by owner name. */
    public Map<String, List<Srv>> srv() {
        return srv;
    }

    /** PTR targets by reverse name ({@code 4.3.2.1.in-addr.arpa.}), most important first. */
    public Map<String, List<String>> ptr() {
        return ptr;
    }

    /** Enumeration data: every framework in state order with its eligible tasks (spec 6.10). */
    public List<EnumFramework> enumeration() {
        return enumeration;
    }

    /** Entries left out while parsing the state and building these records, by reason. */
    public SkipReport skipped() {
        return skipped;
    }

    public int countA() {
        return count(a);
    }

    public int countAaaa() {
        return count(aaaa);
    }

    public int countSrv() {
        return count(srv);
    }

    public int countPtr() {
        return count(ptr);
    }

    private static int count(Map<String, ? extends List<?>> m) {
        int n = 0;
        for (List<?> v : m.values()) {
            n += v.size();
        }
        return n;
    }

    /**
     * True when both hold the same values at the same names, ignoring enumeration and the order of A, AAAA and SRV
     * values (PTR order is the order of the names in an answer, so it counts). Runs on every refresh against the
     * published records, so it allocates only for the names whose values are in another order.
     */
    public boolean sameRecords(RecordSet other) {
        return sameValues(a, other.a) && sameValues(aaaa, other.aaaa) && sameValues(srv, other.srv)
                && ptr.equals(other.ptr);
    }

    private static <T> boolean sameValues(Map<String, List<T>> mine, Map<String, List<T>> theirs) {
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (Map.Entry<String, List<T>> e : mine.entrySet()) {
            List<T> values = e.getValue();
            List<T> others = theirs.get(e.getKey());
            // The values of one name are distinct (set semantics): equal sizes and one containing the other is equality.
            if (others == null || values.size() != others.size()
                    || !(values.equals(others) || new HashSet<>(others).containsAll(values))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "RecordSet[A=" + countA() + ", AAAA=" + countAaaa() + ", SRV=" + countSrv() + ", PTR=" + countPtr()
                + ", skipped=" + skipped + "]";
    }

    /** Collects records with set semantics: adding an existing (name, value) pair is a no-op that returns false. */
    public static final class Builder {
        private final Map<String, LinkedHashSet<String>> a = new LinkedHashMap<>();
        private final Map<String, LinkedHashSet<String>> aaaa = new LinkedHashMap<>();
        private final Map<String, LinkedHashSet<Srv>> srv = new LinkedHashMap<>();
        private final Map<String, LinkedHashSet<String>> ptr = new LinkedHashMap<>();
        private final List<EnumFramework> enumeration = new ArrayList<>();
        private SkipReport skipped = SkipReport.EMPTY;

        private Builder() {
        }

        /** Adds an A value; chainable (for tests and simple builders). */
        public Builder addA(String name, String ipv4) {
            tryAddA(name, ipv4);
            return this;
        }

        /** Adds an AAAA value; chainable. */
        public Builder addAaaa(String name, String ipv6) {
            tryAddAaaa(name, ipv6);
            return this;
        }

        /** Adds an SRV value; chainable. */
        public Builder addSrv(String name, String target, int port) {
            tryAddSrv(name, new Srv(target, port));
            return this;
        }

        /** Adds an SRV value; chainable. */
        public Builder addSrv(String name, Srv value) {
            tryAddSrv(name, value);
            return this;
        }

        /** Adds a PTR value; chainable. */
        public Builder addPtr(String reverseName, String target) {
            tryAddPtr(reverseName, target);
            return this;
        }

        /** Adds an A value; false when the pair was there already. */
        public boolean tryAddA(String name, String ipv4) {
            return add(a, name, ipv4);
        }

        /** Adds an AAAA value; false when the pair was there already. */
        public boolean tryAddAaaa(String name, String ipv6) {
            return add(aaaa, name, ipv6);
        }

        /** Adds an SRV value; false when the pair was there already. */
        public boolean tryAddSrv(String name, Srv value) {
            return add(srv, name, value);
        }

        /** Adds a PTR value after the ones already there; false when the pair was there already. */
        public boolean tryAddPtr(String reverseName, String target) {
            return add(ptr, reverseName, target);
        }

        /** The A values added so far at {@code name}, in order (empty when none). */
        List<String> aValues(String name) {
            return List.copyOf(a.getOrDefault(name, new LinkedHashSet<>()));
        }

        /** The AAAA values added so far at {@code name}, in order (empty when none). */
        List<String> aaaaValues(String name) {
            return List.copyOf(aaaa.getOrDefault(name, new LinkedHashSet<>()));
        }

        /** A copy of every A, AAAA and SRV record added so far, for rules that derive records from records. */
        RecordSet snapshot() {
            return new RecordSet(freeze(a), freeze(aaaa), freeze(srv), Map.of(), List.of(), SkipReport.EMPTY);
        }

        private static <T> boolean add(Map<String, LinkedHashSet<T>> map, String name, T value) {
            return map.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
        }

        public Builder enumeration(List<EnumFramework> frameworks) {
            enumeration.clear();
            enumeration.addAll(frameworks);
            return this;
        }

        public Builder skipped(SkipReport report) {
            this.skipped = report;
            return this;
        }

        public RecordSet build() {
            return new RecordSet(freeze(a), freeze(aaaa), freeze(srv), freeze(ptr), List.copyOf(enumeration),
                    skipped);
        }

        private static <T> Map<String, List<T>> freeze(Map<String, LinkedHashSet<T>> m) {
            Map<String, List<T>> out = new LinkedHashMap<>(m.size() * 4 / 3 + 1);
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return Collections.unmodifiableMap(out);
        }
    }
}
