package io.lodestar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The "no hang, bounded allocation" invariants of the fuzz tests as numbers: the bytes the calling thread
 * allocated (HotSpot's per-thread counter) and the time one input took. Shared with the server tests through the
 * core test-jar.
 *
 * <p>In fuzzing mode ({@code JAZZER_FUZZ=1}) Jazzer's comparison hooks allocate on every {@code String.equals} and
 * friends of the code under test (about 25 times what the code allocates itself, measured on the state parser)
 * and the instrumentation slows everything down, so both limits are looser there; they still catch work that
 * grows faster than the input.
 */
public final class FuzzBounds {
    /** True when Jazzer is fuzzing rather than replaying the committed inputs. */
    public static final boolean FUZZING = "1".equals(System.getenv("JAZZER_FUZZ"));
    private static final long FUZZING_ALLOCATION_FACTOR = 64;
    /** Far above what any input of a few kilobytes takes; a JUnit {@code @Timeout} would also cut a fuzzing run. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(FUZZING ? 30 : 5);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzBounds() {
    }

    /** Bytes allocated by this thread so far (monotonic); -1 when the JVM cannot tell. */
    public static long allocatedBytes() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code work} (one input), asserting that it finished within the time limit and allocated at most
     * {@code allocationLimit} bytes on this thread. The first run of a code path also pays for loading its classes,
     * so a run over the allocation limit is repeated once, and only the repeat must stay under it.
     */
    public static void check(String what, long allocationLimit, Runnable work) {
        check(what, allocationLimit, () -> work, Runnable::run);
    }

    /**
     * As {@link #check(String, long, Runnable)} for work that needs fresh state per run: {@code setUp} (not
     * measured) makes the state, {@code work} (measured) uses it. Returns the state of the run that counted; the
     * state of a discarded first run is closed when it is {@link AutoCloseable}.
     */
    public static <T> T check(String what, long allocationLimit, Supplier<T> setUp, Consumer<T> work) {
        long limit = FUZZING ? allocationLimit * FUZZING_ALLOCATION_FACTOR : allocationLimit;
        T state = setUp.get();
        if (measure(what, state, work) <= limit) {
            return state;
        }
        discard(state);
        T again = setUp.get();
        assertThat(measure(what, again, work)).as("bytes allocated by %s (limit %d)", what, limit)
                .isLessThanOrEqualTo(limit);
        return again;
    }

    private static void discard(Object state) {
        if (state instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> long measure(String what, T state, Consumer<T> work) {
        long before = allocatedBytes();
        long start = System.nanoTime();
        work.accept(state);
        long elapsed = System.nanoTime() - start;
        long after = allocatedBytes();
        assertThat(Duration.ofNanos(elapsed)).as("time taken by %s", what).isLessThanOrEqualTo(TIME_LIMIT);
        return before < 0 || after < 0 ? 0 : after - before;
    }
}
