package io.lodestar.dns;

import java.util.Arrays;

/**
 * Builds one precompiled {@link Answer} at snapshot build time, as if it followed a question for a given name:
 * records in section order, owners as pointers to the question, names compressed against the question's zone apex
 * and against names already in the tail, record ends kept for truncation.
 *
 * <p>Only two places in the question are pointer targets, the whole name (offset 12) and the zone apex at its end:
 * they are the only ones still where they were assumed to be when the query differs from the lookup key by
 * {@code .*} sequences (spec 8.3).
 *
 * <p>One builder serves a whole compile: {@link #start} resets it for the next answer and its buffers are reused,
 * so that building an answer allocates only the arrays of the {@link Answer} itself.
 */
final class AnswerBuilder {

    static final int ANSWER = 0;
    static final int AUTHORITY = 1;
    static final int ADDITIONAL = 2;

    /** No response can hold more than this after the header and the shortest question (the root, type, class). */
    static final int MAX_TAIL = Wire.MAX_MESSAGE_LENGTH - Wire.HEADER_LENGTH - 5;
    private static final int RELOCATABLE = 0x10000;
    /** The end of the range a name can be written in and still be a pointer target for every question length. */
    static final int MAX_POINTER_TARGET = Wire.MAX_POINTER_OFFSET - Wire.HEADER_LENGTH - 4 - Wire.MAX_NAME_LENGTH;

    private int assumedNameLength;
    /** Absolute message offset of the first tail byte. */
    private int base;
    /** The most a relocation can add to a pointer: a question name of 255 bytes. */
    private int maxShift;
    /** Lowercased name suffixes to their message offset, plus {@link #RELOCATABLE}; set up by the first name. */
    private final NameSuffixes offsets = new NameSuffixes();
    private boolean suffixesKnown;
    private byte[] qname;
    private byte[] apex;
    private byte[] buf = new byte[1024];
    private int size;
    private int[] recordEnds = new int[64];
    private int records;
    private int[] relocations = new int[64];
    private int relocationCount;
    private final int[] sectionCounts = new int[3];
    private int recordStart;
    private int rdlengthAt;
    private int relocationsAtStart;
    private boolean full;
    private boolean incomplete;
    /** The shared array the first {@link #headLength} bytes of the answer come from, or null. */
    private byte[] head;
    private int headOffset;
    private int headLength;
    /** Scratch: label offsets and suffix hashes of the name being written. */
    private final int[] labelStarts = new int[128];
    private final int[] suffixHashes = new int[128];

    /** Forgets the answer built so far and starts one for {@code qname}, whose last {@code apex.length} bytes are the zone apex. */
    AnswerBuilder start(byte[] qname, byte[] apex) {
        this.assumedNameLength = qname.length;
        this.base = Wire.HEADER_LENGTH + qname.length + 4;
        this.maxShift = Wire.MAX_NAME_LENGTH - qname.length;
        size = 0;
        records = 0;
        relocationCount = 0;
        Arrays.fill(sectionCounts, 0);
        full = false;
        incomplete = false;
        head = null;
        headLength = 0;
        this.qname = qname;
        this.apex = apex;
        suffixesKnown = false;
        return this;
    }

    /**
     * Right after {@link #start}: the answer begins with {@code length} bytes of answer records that are not written
     * here but taken from {@code shared} at {@code offset}; their ends follow with {@link #sharedRecord}. Their names
     * are not known to compression: only {@link #begin(int, int, long)} may point into them.
     */
    void shareHead(byte[] shared, int offset, int length) {
        this.head = shared;
        this.headOffset = offset;
        this.headLength = length;
        ensure(length);
        size = length;
    }

    /**
     * Declares that the first {@code length} bytes written are the same as {@code shared} from {@code offset}: the
     * answer is built with that slice instead of a copy of them. They hold no relocation.
     */
    void sharedWritten(byte[] shared, int offset, int length) {
        this.head = shared;
        this.headOffset = offset;
        this.headLength = length;
    }

    /** A record of the shared head, in the answer section, ending at {@code end}. */
    void sharedRecord(int end) {
        if (records == recordEnds.length) {
            recordEnds = Arrays.copyOf(recordEnds, records * 2);
        }
        recordEnds[records++] = end;
        sectionCounts[ANSWER]++;
    }

    /**
     * Starts a record whose owner is a name at {@code nameOffset} in the tail (at most {@link #MAX_POINTER_TARGET}),
     * as a relocatable pointer. Returns false once the tail is full.
     */
    boolean begin(int nameOffset, int type, long ttl) {
        if (full) {
            return false;
        }
        recordStart = size;
        relocationsAtStart = relocationCount;
        addRelocation(size);
        u16(Wire.POINTER | (base + nameOffset));
        u16(type);
        u16(Wire.CLASS_IN);
        u32(ttl);
        rdlengthAt = size;
        u16(0);
        return true;
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
     * Ends a record written only to be copied into a head that answers share ({@link #bytes}): its RDLENGTH is set,
     * nothing else is counted, and there is no size limit.
     */
    void endShared() {
        int rdlength = size - rdlengthAt - 2;
        buf[rdlengthAt] = (byte) (rdlength >>> 8);
        buf[rdlengthAt + 1] = (byte) rdlength;
    }

    /**
     * Writes a name, ending it in a pointer to an earlier occurrence of its longest known suffix when
     * {@code compress} is set, and remembering where its own suffixes start for the names after it.
     */
    void name(byte[] wire, boolean compress) {
        if (!suffixesKnown) {
            knowQuestion();
        }
        int labels = NameSuffixes.hashSuffixes(wire, labelStarts, suffixHashes);
        for (int k = 0; k < labels; k++) {
            int i = labelStarts[k];
            int target = compress ? offsets.get(wire, i, suffixHashes[k]) : -1;
            if (target >= 0) {
                if ((target & RELOCATABLE) != 0) {
                    addRelocation(size);
                }
                u16(Wire.POINTER | (target & Wire.MAX_POINTER_OFFSET));
                return;
            }
            int absolute = base + size;
            if (absolute + maxShift <= Wire.MAX_POINTER_OFFSET) {
                offsets.put(wire, i, suffixHashes[k], absolute | RELOCATABLE, false);
            }
            bytes(wire, i, wire[i] + 1);
        }
        u8(0);
    }

    /** The question name and the zone apex at its end, the only pointer targets before the first name. */
    private void knowQuestion() {
        offsets.clear();
        offsets.put(qname, 0, hashName(qname), Wire.QNAME_OFFSET, true);
        // Put second: for the shared negative answers the question is the apex itself, and must stay relocatable.
        offsets.put(apex, 0, hashName(apex), (Wire.QNAME_OFFSET + qname.length - apex.length) | RELOCATABLE, true);
        suffixesKnown = true;
    }

    /** The suffix hash of a whole name. */
    private int hashName(byte[] wire) {
        return NameSuffixes.hashSuffixes(wire, labelStarts, suffixHashes) == 0 ? NameSuffixes.ROOT : suffixHashes[0];
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

    /** The bytes of the tail built so far. */
    int size() {
        return size;
    }

    /** A copy of the bytes written so far (no shared head). */
    byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    Answer build(int rcode) {
        char[] ends = offsets(recordEnds, records);
        char[] pointers = offsets(relocations, relocationCount);
        if (head == null) {
            return new Answer(rcode, Arrays.copyOf(buf, size), ends, sectionCounts[ANSWER],
                    sectionCounts[AUTHORITY], sectionCounts[ADDITIONAL], assumedNameLength, pointers, incomplete);
        }
        byte[] own = size == headLength ? Answer.NO_BYTES : Arrays.copyOfRange(buf, headLength, size);
        return new Answer(rcode, head, headOffset, headLength, own, ends, sectionCounts[ANSWER],
                sectionCounts[AUTHORITY], sectionCounts[ADDITIONAL], assumedNameLength, pointers, incomplete);
    }

    /** The first {@code n} of {@code values}, each below {@link #MAX_TAIL}, as chars. */
    static char[] offsets(int[] values, int n) {
        if (n == 0) {
            return Answer.NO_OFFSETS;
        }
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = (char) values[i];
        }
        return out;
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
}
