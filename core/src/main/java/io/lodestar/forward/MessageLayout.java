package io.lodestar.forward;

import io.netty.buffer.ByteBuf;

/**
 * Where things are in a DNS message from an upstream: the header fields, the end of the question section and the
 * boundaries, type and TTL offset of every record, read without copying. What the relay needs to cut a reply by
 * whole records and what the cache needs for TTLs. Offsets are relative to the message start.
 */
public final class MessageLayout {

    static final int HEADER_LENGTH = 12;
    static final int TYPE_SOA = 6;
    static final int TYPE_OPT = 41;
    static final int FLAG_QR = 0x8000;
    static final int FLAG_TC = 0x0200;

    private final int id;
    private final int flags;
    private final int questionCount;
    private final int answerCount;
    private final int authorityCount;
    private final int additionalCount;
    private final int questionEnd;
    /** {@code recordStarts[i]} is where record i starts; {@code recordStarts[n]} is where the last one ends. */
    private final int[] recordStarts;
    private final int[] types;
    private final int[] rdataStarts;
    private final int optIndex;

    private MessageLayout(int id, int flags, int[] counts, int questionEnd, int[] recordStarts, int[] types,
                          int[] rdataStarts, int optIndex) {
        this.id = id;
        this.flags = flags;
        this.questionCount = counts[0];
        this.answerCount = counts[1];
        this.authorityCount = counts[2];
        this.additionalCount = counts[3];
        this.questionEnd = questionEnd;
        this.recordStarts = recordStarts;
        this.types = types;
        this.rdataStarts = rdataStarts;
        this.optIndex = optIndex;
    }

    /**
     * Reads the readable bytes of {@code buf} (indices untouched). Returns null when they are not a DNS message:
     * shorter than a header, a name or record running past the end, a label over 63 bytes, a compression pointer
     * that does not point back to an earlier name. Bytes after the last
     * record are ignored.
     */
    public static MessageLayout read(ByteBuf buf) {
        int base = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - base < HEADER_LENGTH) {
            return null;
        }
        int[] counts = new int[4];
        for (int i = 0; i < 4; i++) {
            counts[i] = buf.getUnsignedShort(base + 4 + 2 * i);
        }
        int pos = base + HEADER_LENGTH;
        for (int q = 0; q < counts[0]; q++) {
            pos = skipName(buf, base, pos, end);
            if (pos < 0 || pos + 4 > end) {
                return null;
            }
            pos += 4;
        }
        int questionEnd = pos - base;
        int n = counts[1] + counts[2] + counts[3];
        // Each record takes at least 11 bytes: a count larger than that cannot be honest.
        if (n > (end - pos) / 11) {
            return null;
        }
        int[] starts = new int[n + 1];
        int[] types = new int[n];
        int[] rdata = new int[n];
        int opt = -1;
        for (int r = 0; r < n; r++) {
            starts[r] = pos - base;
            pos = skipName(buf, base, pos, end);
            if (pos < 0 || pos + 10 > end) {
                return null;
            }
            types[r] = buf.getUnsignedShort(pos);
            int rdlength = buf.getUnsignedShort(pos + 8);
            rdata[r] = pos + 10 - base;
            pos += 10 + rdlength;
            if (pos > end) {
                return null;
            }
            if (types[r] == TYPE_OPT && r >= counts[1] + counts[2] && opt < 0) {
                opt = r;
            }
        }
        starts[n] = pos - base;
        return new MessageLayout(buf.getUnsignedShort(base), buf.getUnsignedShort(base + 2), counts, questionEnd,
                starts, types, rdata, opt);
    }


    /**
     * Skips the name at {@code pos} of the message starting at {@code base}; -1 when it is malformed: a label over 63
     * bytes, a name over 255, past {@code end}, or a compression pointer that does not lead back to an earlier,
     * complete name (RFC 1035 4.1.4). Found by UpstreamReplyFuzzTest: a pointer into the header read the ID the
     * relay replaces, and a pointer to labels running on past the pointer read bytes a cut reply no longer has.
     */
    static int skipName(ByteBuf buf, int base, int pos, int end) {
        int length = 1;
        while (pos < end) {
            int len = buf.getUnsignedByte(pos);
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= end && pointsBack(buf, base, pos, length) ? pos + 2 : -1;
            }
            length += len + 1;
            if (len > 63 || length > 255) {
                return -1;
            }
            pos += len + 1;
        }
        return -1;
    }

    /**
     * True when the pointer at {@code pointer} leads, hop by hop, to a complete name made only of bytes before it:
     * each target after the header and before the pointer that led there, each label ending before it too, the
     * whole name ({@code length} bytes so far) at most 255 bytes. Every hop goes strictly backwards, so it ends.
     */
    private static boolean pointsBack(ByteBuf buf, int base, int pointer, int length) {
        int limit = pointer;
        int at = base + (((buf.getUnsignedByte(pointer) & 0x3F) << 8) | buf.getUnsignedByte(pointer + 1));
        while (true) {
            if (at < base + HEADER_LENGTH || at >= limit) {
                return false;
            }
            int len = buf.getUnsignedByte(at);
            if (len == 0) {
                return true;
            }
            if ((len & 0xC0) == 0xC0) {
                if (at + 2 > limit) {
                    return false;
                }
                limit = at;
                at = base + (((len & 0x3F) << 8) | buf.getUnsignedByte(at + 1));
                continue;
            }
            length += len + 1;
            if (len > 63 || length > 255 || at + len + 1 >= limit) {
                return false;
            }
            at += len + 1;
        }
    }

    public int id() {
        return id;
    }

    public int flags() {
        return flags;
    }

    /** The 4-bit header rcode (extended rcodes in OPT are not combined in). */
    public int rcode() {
        return flags & 0xF;
    }

    public boolean truncated() {
        return (flags & FLAG_TC) != 0;
    }

    public int questionCount() {
        return questionCount;
    }

    public int answerCount() {
        return answerCount;
    }

    public int authorityCount() {
        return authorityCount;
    }

    public int additionalCount() {
        return additionalCount;
    }

    /** The offset just after the question section. */
    public int questionEnd() {
        return questionEnd;
    }

    /** The number of records in the answer, authority and additional sections together. */
    public int recordCount() {
        return types.length;
    }

    /** Where record {@code i} starts (answer first, then authority, then additional). */
    public int recordStart(int i) {
        return recordStarts[i];
    }

    /** Where record {@code i} ends. */
    public int recordEnd(int i) {
        return recordStarts[i + 1];
    }

    /** The offset after the last record: the message length, unless trailing bytes were ignored. */
    public int end() {
        return recordStarts[types.length];
    }

    public int type(int i) {
        return types[i];
    }

    /** Where the 4-byte TTL of record {@code i} is. */
    public int ttlOffset(int i) {
        return rdataStarts[i] - 6;
    }

    /** Where the RDATA of record {@code i} starts. */
    public int rdataStart(int i) {
        return rdataStarts[i];
    }

    /** The index of the OPT record in the additional section, or -1. */
    public int optIndex() {
        return optIndex;
    }
}
