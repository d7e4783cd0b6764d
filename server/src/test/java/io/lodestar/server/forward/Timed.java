package io.lodestar.server.forward;

import java.util.concurrent.Callable;

/** A value and the wall-clock milliseconds it took to get it: what a client would have waited. */
record Timed<T>(T value, long millis) {

    static <T> Timed<T> of(Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T value = call.call();
        return new Timed<>(value, (System.nanoTime() - start) / 1_000_000);
    }
}
