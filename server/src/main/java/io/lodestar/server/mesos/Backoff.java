package io.lodestar.server.mesos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: {@code first} after the first failure, doubling up to {@code max}, each delay
 * spread by ±{@code jitter} (a fraction) so that many Lodestars do not hit a recovering master in step.
 */
public record Backoff(Duration first, Duration max, double jitter, DoubleSupplier random) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max: " + first + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    public Backoff(Duration first, Duration max, double jitter) {
        this(first, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay after {@code failures} failures in a row (1 for the first). */
    public Duration delay(int failures) {
        long base = first.toMillis();
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = Math.min(max.toMillis(), base << doublings);
        if (jitter > 0) {
            double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
            millis = Math.min(max.toMillis(), Math.max(1, Math.round(millis * factor)));
        }
        return Duration.ofMillis(millis);
    }
}
