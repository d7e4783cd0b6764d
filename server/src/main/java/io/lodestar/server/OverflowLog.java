package io.lodestar.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log line of one cap (connections, queries in flight, rate limit...): one WARN when a streak of overflows
 * starts, none while it lasts, and another only after {@value #QUIET_SECONDS} seconds without an overflow. The
 * overflows themselves are counted by the caller. Cheap enough for an event loop: an overflow reads a volatile
 * and at most once a second writes it; the line itself is written on a log thread, since an appender may block.
 */
public final class OverflowLog {
    /** A streak ends after this long without an overflow. */
    public static final int QUIET_SECONDS = 10;
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(QUIET_SECONDS);
    /** Overflows closer together than this do not touch the shared timestamp. */
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NEVER = Long.MIN_VALUE;
    private static final Executor LOG_THREAD = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "lodestar-overflow-log");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private final Logger log;
    private final String line;
    private final LongSupplier nanoTime;
    private final Executor executor;
    private volatile long lastSeen = NEVER;

    /**
     * @param line what happened and what it costs, e.g. {@code dns: tcpMaxConnections (1024) reached; new
     *             connections are reset (counted in lodestar_dns_tcp_connections_rejected_total)}
     */
    public OverflowLog(Logger log, String line) {
        this(log, line, System::nanoTime, LOG_THREAD);
    }

    /** With a clock and an executor of its own (tests). */
    public OverflowLog(Logger log, String line, LongSupplier nanoTime, Executor executor) {
        this.log = log;
        this.line = line;
        this.nanoTime = nanoTime;
        this.executor = executor;
    }

    /** One overflow: logs when it starts a streak. */
    public void overflow() {
        long now = nanoTime.getAsLong();
        long last = lastSeen;
        if (last != NEVER && now - last < REFRESH_NANOS) {
            return;
        }
        lastSeen = now;
        if (last == NEVER || now - last > QUIET_NANOS) {
            executor.execute(() -> log.warn("{} (logged again after {} s without one)", line, QUIET_SECONDS));
        }
    }
}
