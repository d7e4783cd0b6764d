package io.lodestar.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Build-time conversions between presentation names ({@code a.b.mesos.}) and wire-format names. */
final class Names {

    private Names() {
    }

    /**
     * The wire form of a name with or without its trailing dot, case kept; null when it cannot be a DNS name (an
     * empty label, a label over 63 bytes, over 255 bytes in all). Labels are taken as UTF-8 bytes, no escapes.
     */
    static byte[] toWire(String name) {
        return encode(name, false);
    }

    /** {@link #toWire}, ASCII-lowercased as the reader lowercases questions. */
    static byte[] toLowerWire(String name) {
        return encode(name, true);
    }

    /** One pass over an ASCII name, with no copies on the way; other names go through their UTF-8 bytes. */
    private static byte[] encode(String name, boolean lower) {
        int n = name.length();
        if (n > 0 && name.charAt(n - 1) == '.') {
            n--;
        }
        if (n == 0) {
            return new byte[] {0};
        }
        if (n + 2 > Wire.MAX_NAME_LENGTH) {
            return null; // UTF-8 is never shorter than the number of chars
        }
        byte[] wire = new byte[n + 2];
        int labelStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > Wire.MAX_LABEL_LENGTH) {
                    return null;
                }
                wire[labelStart] = (byte) length;
                labelStart = i + 1;
            } else if (c < 0x80) {
                wire[i + 1] = lower ? Wire.lower((byte) c) : (byte) c;
            } else {
                byte[] utf8 = fromText(name.substring(0, n).getBytes(StandardCharsets.UTF_8));
                return utf8 == null || !lower ? utf8 : lower(utf8);
            }
        }
        wire[n + 1] = 0;
        return wire;
    }

    private static byte[] fromText(byte[] text) {
        if (text.length + 2 > Wire.MAX_NAME_LENGTH) {
            return null;
        }
        byte[] wire = new byte[text.length + 2];
        int labelStart = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '.') {
                int length = i - labelStart;
                if (length == 0 || length > Wire.MAX_LABEL_LENGTH) {
                    return null;
                }
                wire[labelStart] = (byte) length;
                System.arraycopy(text, labelStart, wire, labelStart + 1, length);
                labelStart = i + 1;
            }
        }
        wire[wire.length - 1] = 0;
        return wire;
    }

    /** The name ASCII-lowercased, as the reader lowercases questions. */
    static byte[] lower(byte[] wire) {
        byte[] lower = new byte[wire.length];
        for (int i = 0; i < wire.length; i++) {
            lower[i] = Wire.lower(wire[i]);
        }
        return lower;
    }

    /** {@link #lower}, or {@code wire} itself when it has no capitals (never change either afterwards). */
    static byte[] lowerShared(byte[] wire) {
        for (byte b : wire) {
            if (Wire.lower(b) != b) {
                return lower(wire);
            }
        }
        return wire;
    }

    /** True when lowercased {@code name} is {@code apex} or below it, compared on label boundaries. */
    static boolean isAtOrBelow(byte[] name, byte[] apex) {
        int offset = name.length - apex.length;
        if (offset < 0) {
            return false;
        }
        int i = 0;
        while (i < offset) {
            i += (name[i] & 0xFF) + 1;
        }
        return i == offset && Arrays.equals(name, offset, name.length, apex, 0, apex.length);
    }

    /** The parent of a name that is not the root. */
    static byte[] parent(byte[] wire) {
        return Arrays.copyOfRange(wire, (wire[0] & 0xFF) + 1, wire.length);
    }
}
