package io.lodestar.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash in canonical task names (spec 6.2): SHA-1 of the task id, z-base-32 encoded, first five characters,
 * i.e. the top 25 bits of the digest. {@code hash("test") = "iffe9"}.
 */
public final class TaskHash {
    private static final char[] ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();

    private TaskHash() {
    }

    public static String of(String taskId) {
        try {
            return of(taskId, MessageDigest.getInstance("SHA-1"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The hash with a SHA-1 digest the caller reuses (looking one up per task is costly). */
    static String of(String taskId, MessageDigest sha1) {
        char[] out = new char[5];
        write(taskId, sha1, out);
        return new String(out);
    }

    /** Writes the five characters of the hash to {@code out}. */
    static void write(String taskId, MessageDigest sha1, char[] out) {
        byte[] d = sha1.digest(taskId.getBytes(StandardCharsets.UTF_8));
        long top = ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
        for (int i = 0; i < 5; i++) {
            out[i] = ZBASE32[(int) ((top >>> (27 - 5 * i)) & 0x1F)];
        }
    }
}
