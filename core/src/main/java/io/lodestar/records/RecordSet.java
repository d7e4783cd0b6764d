package io.lodestar.records;

import io.lodestar.mesos.SkipReport;
import java.util.ArrayList;
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
            // The builder's lists are immutable already, and make their records only when read.
            records = records instanceof TaskEnumRecords ? records : List.copyOf(records);
        }
    }

    /** A framework in {@code /v1/enumerate}: raw name and its eligible tasks. */
    public record EnumFramework(String name, List<EnumTask> tasks) {
        public EnumFramework {
            tasks = List.copyOf(tasks);
        }
    }

    private final OwnerMap<String> a;
    private final OwnerMap<String> aaaa;
    private final OwnerMap<Srv> srv;
    private final OwnerMap<String> ptr;
    private final List<EnumFramework> enumeration;
    private final SkipReport skipped;

    private RecordSet(OwnerMap<String> a, OwnerMap<String> aaaa, OwnerMap<Srv> srv, OwnerMap<String> ptr,
                      List<EnumFramework> enumeration, SkipReport skipped) {
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
        return a.valueCount();
    }

    public int countAaaa() {
        return aaaa.valueCount();
    }

    public int countSrv() {
        return srv.valueCount();
    }

    public int countPtr() {
        return ptr.valueCount();
    }

    /**
     * True when both hold the same values at the same names, ignoring enumeration and the order of A, AAAA and SRV
     * values (PTR order is the order of the names in an answer, so it counts). Runs on every refresh against the
     * published records, so it allocates only for the names whose values are in another order.
     */
    public boolean sameRecords(RecordSet other) {
        return a.sameValues(other.a, true) && aaaa.sameValues(other.aaaa, true) && srv.sameValues(other.srv, true)
                && ptr.sameValues(other.ptr, false);
    }

    @Override
    public String toString() {
        return "RecordSet[A=" + countA() + ", AAAA=" + countAaaa() + ", SRV=" + countSrv() + ", PTR=" + countPtr()
                + ", skipped=" + skipped + "]";
    }

    /** Collects records with set semantics: adding an existing (name, value) pair is a no-op that returns false. */
    public static final class Builder {
        private final OwnerValues<String> a = new OwnerValues<>();
        private final OwnerValues<String> aaaa = new OwnerValues<>();
        private final OwnerValues<Srv> srv = new OwnerValues<>();
        private final OwnerValues<String> ptr = new OwnerValues<>();
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
            return a.add(name, ipv4) >= 0;
        }

        /** Adds an AAAA value; false when the pair was there already. */
        public boolean tryAddAaaa(String name, String ipv6) {
            return aaaa.add(name, ipv6) >= 0;
        }

        /** Adds an SRV value; false when the pair was there already. */
        public boolean tryAddSrv(String name, Srv value) {
            return srv.add(name, value) >= 0;
        }

        /** Adds a PTR value after the ones already there; false when the pair was there already. */
        public boolean tryAddPtr(String reverseName, String target) {
            return ptr.add(reverseName, target) >= 0;
        }

        /** The A (or, for {@code v6}, AAAA) table, for the emitter, which checks names before it adds them. */
        OwnerValues<String> addresses(boolean v6) {
            return v6 ? aaaa : a;
        }

        /** The SRV table, for the emitter. */
        OwnerValues<Srv> srvValues() {
            return srv;
        }

        /** The PTR table, for the emitter. */
        OwnerValues<String> ptrValues() {
            return ptr;
        }

        /** The A values added so far at {@code name}, in order (empty when none). */
        List<String> aValues(String name) {
            return a.get(name);
        }

        /** The AAAA values added so far at {@code name}, in order (empty when none). */
        List<String> aaaaValues(String name) {
            return aaaa.get(name);
        }

        /** A copy of every A, AAAA and SRV record added so far, for rules that derive records from records. */
        RecordSet snapshot() {
            return new RecordSet(a.freeze(), aaaa.freeze(), srv.freeze(), OwnerMap.empty(), List.of(),
                    SkipReport.EMPTY);
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
            return new RecordSet(a.freeze(), aaaa.freeze(), srv.freeze(), ptr.freeze(), List.copyOf(enumeration),
                    skipped);
        }
    }
}
