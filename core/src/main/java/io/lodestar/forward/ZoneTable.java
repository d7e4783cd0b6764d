package io.lodestar.forward;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the upstream group of a name: the value of the longest zone that ends the name on a label boundary
 * (spec 8.2, as a DNS mux does), else the default. Zones are compared without ASCII case. Immutable and
 * thread-safe; a lookup allocates nothing.
 */
public final class ZoneTable<T> {

    private final byte[][] zones;
    private final List<T> values;
    private final T fallback;

    private ZoneTable(byte[][] zones, List<T> values, T fallback) {
        this.zones = zones;
        this.values = values;
        this.fallback = fallback;
    }

    /** A table of {@code zones} (presentation names, with or without the final dot) and the {@code fallback}. */
    public static <T> ZoneTable<T> of(Map<String, T> zones, T fallback) {
        record Zone<V>(byte[] wire, V value) {
        }
        List<Zone<T>> sorted = new ArrayList<>();
        zones.forEach((name, value) -> sorted.add(new Zone<>(toLowerWire(name), value)));
        // Longest first: the first zone that matches is the longest match.
        sorted.sort(Comparator.comparingInt((Zone<T> z) -> z.wire().length).reversed());
        byte[][] wires = sorted.stream().map(Zone::wire).toArray(byte[][]::new);
        List<T> values = sorted.stream().map(Zone::value).toList();
        return new ZoneTable<>(wires, values, fallback);
    }

    /** The value for a lowercase wire-format name of {@code nameLength} bytes (root byte included). */
    public T select(byte[] lowerName, int nameLength) {
        for (int z = 0; z < zones.length; z++) {
            byte[] zone = zones[z];
            int offset = nameLength - zone.length;
            if (offset >= 0 && isLabelStart(lowerName, offset)
                    && Arrays.equals(lowerName, offset, nameLength, zone, 0, zone.length)) {
                return values.get(z);
            }
        }
        return fallback;
    }

    /** The value for when no zone matches. */
    public T fallback() {
        return fallback;
    }

    private static boolean isLabelStart(byte[] name, int offset) {
        int i = 0;
        while (i < offset) {
            i += (name[i] & 0xFF) + 1;
        }
        return i == offset;
    }

    /** {@code example.com} or {@code example.com.} in lowercase wire form. */
    static byte[] toLowerWire(String name) {
        String s = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (s.isEmpty()) {
            return new byte[] {0};
        }
        byte[] text = s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[text.length + 2];
        int labelStart = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63) {
                    throw new IllegalArgumentException("not a zone name: " + name);
                }
                wire[labelStart] = (byte) length;
                System.arraycopy(text, labelStart, wire, labelStart + 1, length);
                labelStart = i + 1;
            }
        }
        if (wire.length > 255) {
            throw new IllegalArgumentException("zone name longer than 255 bytes: " + name);
        }
        return wire;
    }
}
