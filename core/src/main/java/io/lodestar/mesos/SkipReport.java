package io.lodestar.mesos;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a parse or a build left out, counted by a short, bounded reason (for example
 * {@code "task: missing id"}), with one example per reason for the log.
 */
public final class SkipReport {
    public static final SkipReport EMPTY = new SkipReport(Map.of(), Map.of());

    private final Map<String, Integer> counts;
    private final Map<String, String> examples;

    private SkipReport(Map<String, Integer> counts, Map<String, String> examples) {
        this.counts = counts;
        this.examples = examples;
    }

    /** Reason to number of entries skipped for it, sorted by reason. */
    public Map<String, Integer> counts() {
        return counts;
    }

    /** Reason to one example (an id or name) of an entry skipped for it. */
    public Map<String, String> examples() {
        return examples;
    }

    public int total() {
        int t = 0;
        for (int c : counts.values()) {
            t += c;
        }
        return t;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** This report and another, added up. */
    public SkipReport plus(SkipReport other) {
        if (other.isEmpty()) {
            return this;
        }
        Collector c = new Collector();
        c.addAll(this);
        c.addAll(other);
        return c.report();
    }

    @Override
    public String toString() {
        return counts.toString();
    }

    /** Collects skips while parsing or building; not thread-safe. */
    public static final class Collector {
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Map<String, String> examples = new TreeMap<>();

        public void skip(String reason, String example) {
            counts.merge(reason, 1, Integer::sum);
            if (example != null) {
                examples.putIfAbsent(reason, example);
            }
        }

        void addAll(SkipReport r) {
            r.counts.forEach((k, v) -> counts.merge(k, v, Integer::sum));
            r.examples.forEach(examples::putIfAbsent);
        }

        public SkipReport report() {
            if (counts.isEmpty()) {
                return EMPTY;
            }
            return new SkipReport(Collections.unmodifiableMap(new TreeMap<>(counts)),
                    Collections.unmodifiableMap(new TreeMap<>(examples)));
        }
    }
}
