package io.lodestar.bench;

import io.lodestar.records.RecordSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Query names drawn from the records a state produces: existing task names (the records each task added, as
 * {@code /v1/enumerate} lists them), SRV names, IPv6 task names, A-only names (AAAA there is NODATA), and names
 * that do not exist (a task name with its first label changed: NXDOMAIN). Each list is shuffled with a fixed seed.
 *
 * <p>The mixed workload is, per 20 queries: 11 A, 5 SRV, 1 AAAA hit, 1 AAAA NODATA, 2 NXDOMAIN.
 */
public final class QueryMix {

    /** One query: a name (presentation form, trailing dot) and a type name as dnsperf reads it. */
    public record Q(String name, String type) {
        public int typeCode() {
            return switch (type) {
                case "A" -> QueryWire.TYPE_A;
                case "AAAA" -> QueryWire.TYPE_AAAA;
                case "SRV" -> QueryWire.TYPE_SRV;
                default -> throw new IllegalArgumentException(type);
            };
        }

        @Override
        public String toString() {
            return name + " " + type;
        }
    }

    private final List<String> a;
    private final List<String> srv;
    private final List<String> aaaa;
    private final List<String> aOnly;
    private final List<String> nx;

    public QueryMix(RecordSet records, long seed) {
        Set<String> aNames = new LinkedHashSet<>();
        Set<String> srvNames = new LinkedHashSet<>();
        Set<String> aaaaNames = new LinkedHashSet<>();
        for (RecordSet.EnumFramework fw : records.enumeration()) {
            for (RecordSet.EnumTask task : fw.tasks()) {
                for (RecordSet.EnumRecord r : task.records()) {
                    switch (r.rtype()) {
                        case "A" -> aNames.add(r.name());
                        case "AAAA" -> aaaaNames.add(r.name());
                        case "SRV" -> srvNames.add(r.name());
                        default -> { }
                    }
                }
            }
        }
        Set<String> existing = new HashSet<>();
        for (var m : List.of(records.a().keySet(), records.aaaa().keySet(), records.srv().keySet())) {
            for (String name : m) {
                for (String n = name; n.indexOf('.') >= 0 && n.length() > 1; n = n.substring(n.indexOf('.') + 1)) {
                    existing.add(n);
                }
            }
        }
        Random random = new Random(seed);
        this.a = shuffled(aNames, random);
        this.srv = shuffled(srvNames, random);
        this.aaaa = shuffled(aaaaNames, random);
        List<String> only = new ArrayList<>();
        for (String name : a) {
            if (!records.aaaa().containsKey(name)) {
                only.add(name);
            }
        }
        this.aOnly = only;
        List<String> missing = new ArrayList<>();
        for (String name : a) {
            String first = name.substring(0, name.indexOf('.'));
            String changed = "nx" + (first.length() > 58 ? first.substring(0, 58) : first) + name.substring(first.length());
            if (!existing.contains(changed)) {
                missing.add(changed);
            }
        }
        this.nx = missing;
        if (a.isEmpty() || srv.isEmpty() || nx.isEmpty() || aOnly.isEmpty()) {
            throw new IllegalStateException("the state has too few task records for a query mix");
        }
    }

    private static List<String> shuffled(Set<String> names, Random random) {
        List<String> list = new ArrayList<>(names);
        Collections.shuffle(list, random);
        return list;
    }

    public List<Q> a(int max) {
        return take(a, "A", max);
    }

    public List<Q> srv(int max) {
        return take(srv, "SRV", max);
    }

    /** AAAA queries for IPv6 task names (empty when the state has none). */
    public List<Q> aaaa(int max) {
        return take(aaaa, "AAAA", max);
    }

    /** AAAA queries for names that only have A records: NODATA. */
    public List<Q> nodata(int max) {
        return take(aOnly, "AAAA", max);
    }

    public List<Q> nxdomain(int max) {
        return take(nx, "A", max);
    }

    /** {@code count} queries in the mixed proportions, shuffled with {@code seed}. */
    public List<Q> mixed(int count, long seed) {
        List<Q> out = new ArrayList<>(count);
        for (int i = 0; out.size() < count; i++) {
            int slot = i % 20;
            if (slot < 11) {
                out.add(new Q(a.get(i % a.size()), "A"));
            } else if (slot < 16) {
                out.add(new Q(srv.get(i % srv.size()), "SRV"));
            } else if (slot == 16) {
                List<String> v6 = aaaa.isEmpty() ? aOnly : aaaa;
                out.add(new Q(v6.get(i % v6.size()), "AAAA"));
            } else if (slot == 17) {
                out.add(new Q(aOnly.get(i % aOnly.size()), "AAAA"));
            } else {
                out.add(new Q(nx.get(i % nx.size()), "A"));
            }
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    private static List<Q> take(List<String> names, String type, int max) {
        List<Q> out = new ArrayList<>(Math.min(max, names.size()));
        for (int i = 0; i < names.size() && i < max; i++) {
            out.add(new Q(names.get(i), type));
        }
        return out;
    }
}
