package io.lodestar.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * A Prometheus histogram with one label, read at scrape time from per-thread buckets ({@link StripedCounters}):
 * {@code lodestar_dns_request_duration_seconds} by protocol from {@link QueryStats}, and
 * {@code lodestar_forward_duration_seconds} by upstream from each upstream's {@link DurationHistogram}. Micrometer's
 * Timer would make every event loop update the same bucket counters; this way the hot paths write only their own
 * thread's memory.
 */
final class DurationCollector implements Collector {
    private static final double NANOS_PER_SECOND = 1e9;

    /** The buckets (not cumulative, the last one +Inf) and the sum of the series at each label value. */
    interface Source {
        long bucket(int series, int bucket);

        long sumNanos(int series);
    }

    private final String name;
    private final String help;
    private final String label;
    private final List<String> values;
    private final Source source;
    private final double[] bounds;

    /** {@code boundsNanos}: the upper bounds of the buckets but +Inf; the source has one bucket more. */
    DurationCollector(String name, String help, String label, List<String> values, long[] boundsNanos,
                      Source source) {
        this.name = name;
        this.help = help;
        this.label = label;
        this.values = List.copyOf(values);
        this.source = source;
        this.bounds = new double[boundsNanos.length + 1];
        for (int i = 0; i < boundsNanos.length; i++) {
            bounds[i] = boundsNanos[i] / NANOS_PER_SECOND;
        }
        bounds[boundsNanos.length] = Double.POSITIVE_INFINITY;
    }

    @Override
    public String getPrometheusName() {
        return name;
    }

    @Override
    public HistogramSnapshot collect() {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        for (int s = 0; s < values.size(); s++) {
            long[] counts = new long[bounds.length];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = source.bucket(s, b);
            }
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(Labels.of(label, values.get(s)))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                    .sum(source.sumNanos(s) / NANOS_PER_SECOND)
                    .build());
        }
        return histogram.build();
    }
}
