package io.lodestar.server;

import io.lodestar.mesos.StateParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a local Mesos state file when it changes (modification time, size or inode), checking on one background
 * thread, never on an event loop. A failed load keeps whatever was published before and is retried at the next
 * check; failures are logged once per streak.
 */
final class StateFileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateFileWatcher.class);

    /**
     * What to do with the file's contents: parse, build, publish. The stream is read as it is parsed, so a large
     * state never sits in memory whole (nor in a temporary direct buffer of its size, as a whole-file read would
     * leave cached on this thread). Throws to say the load failed.
     */
    @FunctionalInterface
    interface Loader {
        void load(InputStream state) throws Exception;
    }

    /** What identifies one version of the file. */
    private record Stamp(long modifiedNanos, long size, Object fileKey) {
    }

    private final Path file;
    private final long maxBytes;
    private final Duration period;
    private final Loader loader;
    private final Consumer<Throwable> onFailure;
    private final ScheduledExecutorService executor;
    /** The version last attempted (loaded or failed), so an unchanged bad file is not retried every second. */
    private volatile Stamp attempted;
    private volatile boolean failing;

    /**
     * A watcher of {@code file} that refuses to read a version larger than {@code maxBytes} ({@code stateMaxBytes});
     * {@code onFailure} hears of every failed load (reading the file, the size cap, or the loader's exception).
     */
    StateFileWatcher(Path file, long maxBytes, Duration period, Loader loader, Consumer<Throwable> onFailure) {
        this.file = Objects.requireNonNull(file, "file");
        this.maxBytes = maxBytes;
        this.period = period;
        this.loader = loader;
        this.onFailure = onFailure;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestar-state-file");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the file now, on the calling thread. Returns true when it loaded. Call before {@link #start()}. */
    boolean loadNow() {
        return check(true);
    }

    /** Checks the file every period from now on. */
    void start() {
        long ms = period.toMillis();
        executor.scheduleWithFixedDelay(() -> check(false), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** True after a failed load, until a load succeeds. */
    boolean failing() {
        return failing;
    }

    /** Loads the file if it changed since the last attempt (or always, when {@code force}); never throws. */
    private boolean check(boolean force) {
        try {
            Stamp stamp = stamp();
            if (!force && stamp.equals(attempted)) {
                return false;
            }
            attempted = stamp;
            if (stamp.size() > maxBytes) {
                // Not even read: the cap on a state document holds for files as for masters.
                throw StateParser.tooLarge(maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                loader.load(in);
            }
            if (failing) {
                log.info("state-file: {} loaded again", file);
            }
            failing = false;
            return true;
        } catch (Exception | LinkageError e) {
            fail(e);
            onFailure.accept(e);
            return false;
        }
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
    }

    private void fail(Throwable e) {
        if (failing) {
            log.debug("state-file: {} still fails to load", file, e);
            return;
        }
        failing = true;
        String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
        log.warn("state-file: cannot load {}: {} (keeping the last good records; retrying when it changes)",
                file, reason);
    }

    @Override
    public void close() {
        // No wait: close may run on a shutdown hook while this very thread is inside System.exit.
        executor.shutdownNow();
    }
}
