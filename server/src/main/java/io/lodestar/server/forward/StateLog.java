package io.lodestar.server.forward;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the forwarder's rare log lines (an upstream failing, answering again) off the event loops: an appender
 * writes to a stream, which would block the loop. One thread at most, started when there is a line and gone when
 * idle, so the lines keep their order; beyond a small backlog lines are dropped rather than queued without bound.
 */
final class StateLog {
    private static final int BACKLOG = 256;
    private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BACKLOG), r -> {
                Thread t = new Thread(r, "lodestar-forward-log");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private StateLog() {
    }

    /** Runs {@code line} (a logger call) on the log thread. */
    static void write(Runnable line) {
        EXECUTOR.execute(line);
    }
}
