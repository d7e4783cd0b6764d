package io.lodestar.bench;

import java.nio.charset.StandardCharsets;

/** A second version of a generated state, as the next poll would see it: the first running task is being killed. */
final class StateVariant {

    private static final byte[] RUNNING = "\"state\":\"TASK_RUNNING\",\"resources\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KILLING = "\"state\":\"TASK_KILLING\",\"resources\"".getBytes(StandardCharsets.US_ASCII);

    private StateVariant() {
    }

    static byte[] oneTaskLess(byte[] state) {
        byte[] copy = state.clone();
        int at = indexOf(copy, RUNNING);
        if (at < 0) {
            throw new IllegalArgumentException("no running task in the state");
        }
        System.arraycopy(KILLING, 0, copy, at, KILLING.length);
        return copy;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
