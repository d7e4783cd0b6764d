package io.lodestar.mesos;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Deduplicates the short strings of one state document as they are read: a string seen recently (agent and
 * framework ids, task states, app names, agent addresses, label keys) is returned as the same {@link String}
 * instead of a new one. The parser's characters are compared in place, so a repeated string is never allocated,
 * and the state (which the event-stream view keeps) holds each once. A direct-mapped table of fixed size: a new
 * string takes the slot of the one it collides with, so memory stays bounded whatever the document holds. One per
 * parse; not thread-safe.
 */
final class StringCache {
    /** Longer strings (rare, and rarely repeated) are not cached. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1 << 13;

    private final String[] strings = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];

    /** The text of the parser's current string token. */
    String get(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            return p.getText();
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
        String s = strings[slot];
        if (s != null && hashes[slot] == hash && equal(s, chars, offset, length)) {
            return s;
        }
        s = new String(chars, offset, length);
        strings[slot] = s;
        hashes[slot] = hash;
        return s;
    }

    private static boolean equal(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
