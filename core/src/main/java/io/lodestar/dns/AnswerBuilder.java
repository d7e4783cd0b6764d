package io.lodestar.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds one precompiled {@link Answer} at snapshot build time, as if it followed a question for a given name:
 * records in section order, owners as pointers to the question, names compressed against the question's zone apex
 * and against names already in the tail, record ends kept for truncation.
 *
 * <p>Only two places in the question are pointer targets, the whole name (offset 12) and the zone apex at its end:
 * they are the only ones still where they were assumed to be when the query differs from the lookup key by
 * {@code .*} sequences (spec 8.3).
 */
final class AnswerBuilder {

    static final int ANSWER = 0;
    static final int AUTHORITY = 1;
    static final int ADDITIONAL = 2;

    /** No response can hold more than this after the header and the shortest question (the root, type, class). */
    static final int MAX_TAIL = Wire.MAX_MESSAGE_LENGTH - Wire.HEADER_LENGTH - 5;
    private static final int RELOCATABLE = 0x10000;

    private final int assumedNameLength;
    /** Absolute message offset of the first tail byte. */
    private final int base;
    /** The most a relocation can add to a pointer: a question name of 255 bytes. */
    private final int maxShift;
    /** Lowercased name suffix (as ISO-8859-1 text) to its message offset, plus {@link #RELOCATABLE}. */
    private final Map<String, Integer> offsets = new HashMap<>();
    private byte[] buf = new byte[128];
    private int size;
    private int[] recordEnds = new int[4];
    private int records;
    private int[] relocations = new int[4];
    private int relocationCount;
    private final int[] sectionCounts = new int[3];
    private int recordStart;
    private int rdlengthAt;
    private int relocationsAtStart;
    private boolean full;
    private boolean incomplete;

    /** A builder for answers to {@code qname}, whose last {@code apex.length} bytes are the zone apex. */
    AnswerBuilder(byte[] qname, byte[] apex) {
        this.assumedNameLength = qname.length;
        this.base = Wire.HEADER_LENGTH + qname.length + 4;
        this.maxShift = Wire.MAX_NAME_LENGTH - qname.length;
        offsets.put(key(qname, 0), Wire.QNAME_OFFSET);
        // Put second: for the shared negative answers the question is the apex itself, and must stay relocatable.
        offsets.put(key(apex, 0), (Wire.QNAME_OFFSET + qname.length - apex.length) | RELOCATABLE);
    }

    /** Starts a record; {@code owner} null means the question name. Returns false once the tail is full. */
    boolean begin(byte[] owner, int type, long ttl) {
        if (full) {
            return false;
        }
        recordStart = size;
        relocationsAtStart = relocationCount;
        if (owner == null) {
            u16(Wire.POINTER | Wire.QNAME_OFFSET);
        } else {
            name(owner, true);
        }
        u16(type);
        u16(Wire.CLASS_IN);
        u32(ttl);
        rdlengthAt = size;
        u16(0);
        return true;
    }

    /** Ends the record begun last, in {@code section}; drops it and stops taking records when the tail is full. */
    void end(int section) {
        int rdlength = size - rdlengthAt - 2;
        buf[rdlengthAt] = (byte) (rdlength >>> 8);
        buf[rdlengthAt + 1] = (byte) rdlength;
        if (size > MAX_TAIL) {
            size = recordStart;
            relocationCount = relocationsAtStart;
            full = true;
            incomplete = section != ADDITIONAL;
            return;
        }
        if (records == recordEnds.length) {
            recordEnds = Arrays.copyOf(recordEnds, records * 2);
        }
        recordEnds[records++] = size;
        sectionCounts[section]++;
    }

    /**
     * Writes a name, ending it in a pointer to an earlier occurrence of its longest known suffix when
     * {@code compress} is set, and remembering where its own suffixes start for the names after it.
     */
    void name(byte[] wire, boolean compress) {
        int i = 0;
        while (wire[i] != 0) {
            String suffix = key(wire, i);
            Integer target = compress ? offsets.get(suffix) : null;
            if (target != null) {
                if ((target & RELOCATABLE) != 0) {
                    addRelocation(size);
                }
                u16(Wire.POINTER | (target & Wire.MAX_POINTER_OFFSET));
                return;
            }
            int absolute = base + size;
            if (absolute + maxShift <= Wire.MAX_POINTER_OFFSET) {
                offsets.putIfAbsent(suffix, absolute | RELOCATABLE);
            }
            int length = wire[i] + 1;
            bytes(wire, i, length);
            i += length;
        }
        u8(0);
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    /** An unsigned 32-bit field; values outside 0..2^32-1 are clamped. */
    void u32(long v) {
        long c = Math.max(0, Math.min(0xFFFF_FFFFL, v));
        u16((int) (c >>> 16));
        u16((int) c & 0xFFFF);
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    Answer build(int rcode) {
        return new Answer(rcode, Arrays.copyOf(buf, size), Arrays.copyOf(recordEnds, records),
                sectionCounts[ANSWER], sectionCounts[AUTHORITY], sectionCounts[ADDITIONAL], assumedNameLength,
                Arrays.copyOf(relocations, relocationCount), incomplete);
    }

    private void addRelocation(int at) {
        if (relocationCount == relocations.length) {
            relocations = Arrays.copyOf(relocations, relocationCount * 2);
        }
        relocations[relocationCount++] = at;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** The lowercased suffix of a wire name from {@code from}, as a map key. */
    private static String key(byte[] wire, int from) {
        byte[] lower = new byte[wire.length - from];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Wire.lower(wire[from + i]);
        }
        return new String(lower, StandardCharsets.ISO_8859_1);
    }
}
