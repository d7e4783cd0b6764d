package io.lodestar.dns;

import io.lodestar.config.Config;
import io.netty.buffer.ByteBuf;

/**
 * Writes responses into a {@code ByteBuf} at its writer index: the header, the question echoed exactly as received,
 * a precompiled {@link Answer} tail cut to the size limit by whole records, and an EDNS OPT when the query had one.
 * Knows nothing of lookups.
 */
final class ResponseWriter {

    private static final int FLAGS_ECHOED = 0x7800 | Wire.FLAG_RD | Wire.FLAG_CD;

    private final boolean recursionAvailable;
    private final boolean setTruncateBit;
    private final int udpMaxResponseSize;

    ResponseWriter(Config config) {
        this.recursionAvailable = config.recurseOn();
        this.setTruncateBit = config.setTruncateBit();
        this.udpMaxResponseSize = Math.max(Wire.MIN_UDP_LENGTH,
                Math.min(config.udpMaxResponseSize(), Wire.MAX_MESSAGE_LENGTH));
    }

    /**
     * The largest response for this query: 65535 over TCP (RFC 7766 8), the client's EDNS size capped by
     * {@code udpMaxResponseSize} and never below 512 over UDP with OPT (RFC 6891 6.2.5), else 512 (RFC 1035 4.2.1).
     */
    int limit(Query q, boolean tcp) {
        if (tcp) {
            return Wire.MAX_MESSAGE_LENGTH;
        }
        if (!q.edns) {
            return Wire.MIN_UDP_LENGTH;
        }
        return Math.max(Wire.MIN_UDP_LENGTH, Math.min(q.ednsUdpSize, udpMaxResponseSize));
    }

    /** A header-only response (FORMERR, NOTIMP): no question, since it may be what could not be read. */
    void writeHeaderOnly(ByteBuf out, Query q, int rcode) {
        writeHeader(out, q, rcode, false, false, 0, 0, 0, 0);
    }

    /** Header, echoed question and OPT, no records: SERVFAIL, REFUSED, BADVERS. */
    void writeEmpty(ByteBuf out, Query q, int rcode, boolean authoritative) {
        out.ensureWritable(Wire.HEADER_LENGTH + q.questionLength + Wire.OPT_LENGTH);
        writeHeader(out, q, rcode, authoritative, false, 1, 0, 0, q.edns ? 1 : 0);
        out.writeBytes(q.rawQuestion, 0, q.questionLength);
        if (q.edns) {
            writeOpt(out, q, rcode);
        }
    }

    /**
     * Writes an authoritative answer. When it does not fit, keeps the leading whole records that do: the additional
     * section goes first and alone costs no TC (RFC 2181 9); cutting into the answer or authority section sets TC
     * unless {@code setTruncateBit} is off. Returns true when answer or authority records were left out.
     */
    boolean writeAnswer(ByteBuf out, Query q, Answer a, boolean tcp) {
        int optLength = q.edns ? Wire.OPT_LENGTH : 0;
        int budget = limit(q, tcp) - Wire.HEADER_LENGTH - q.questionLength - optLength;
        int keep = a.length();
        int an = a.answerCount;
        int ns = a.authorityCount;
        int ar = a.additionalCount;
        boolean truncated = a.incomplete;
        if (keep > budget) {
            int records = a.recordsFitting(budget);
            keep = records == 0 ? 0 : a.recordEnds[records - 1];
            an = Math.min(records, an);
            ns = Math.min(records - an, ns);
            ar = records - an - ns;
            truncated |= an < a.answerCount || ns < a.authorityCount;
        }
        out.ensureWritable(Wire.HEADER_LENGTH + q.questionLength + keep + optLength);
        writeHeader(out, q, a.rcode, true, truncated && setTruncateBit, 1, an, ns, ar + (q.edns ? 1 : 0));
        writeQuestionAndRecords(out, q, a, keep);
        return truncated;
    }

    /**
     * RFC 8482 4.1 over UDP: ANY gets one record of the RRset (the first of this rotation, so it rotates too) and
     * no additional records. The answer is complete as far as ANY goes, so there is no TC: a client that wants the
     * whole RRset asks for its type. Keeps ANY from turning a small query into a large reply at a spoofed address.
     */
    void writeOneRecord(ByteBuf out, Query q, Answer a) {
        int keep = a.recordEnds[0];
        int optLength = q.edns ? Wire.OPT_LENGTH : 0;
        out.ensureWritable(Wire.HEADER_LENGTH + q.questionLength + keep + optLength);
        writeHeader(out, q, a.rcode, true, false, 1, 1, 0, q.edns ? 1 : 0);
        writeQuestionAndRecords(out, q, a, keep);
    }

    /**
     * After the header: the question as received, the first {@code keep} bytes of the precompiled tail with its
     * pointers moved to this question's name length, and the OPT record when the query had one.
     */
    private void writeQuestionAndRecords(ByteBuf out, Query q, Answer a, int keep) {
        out.writeBytes(q.rawQuestion, 0, q.questionLength);
        int tailStart = out.writerIndex();
        writeTail(out, a, keep);
        int delta = q.nameLength - a.assumedNameLength;
        if (delta != 0) {
            relocate(out, tailStart, a, keep, delta);
        }
        if (q.edns) {
            writeOpt(out, q, a.rcode);
        }
    }

    /**
     * Response rate limiting's "slip": header, echoed question and OPT, TC set, no records. It costs no more than
     * the query, and a real client behind a limited address retries over TCP, which cannot be spoofed.
     */
    void writeSlip(ByteBuf out, Query q) {
        out.ensureWritable(Wire.HEADER_LENGTH + q.questionLength + Wire.OPT_LENGTH);
        writeHeader(out, q, Wire.RCODE_NOERROR, false, true, 1, 0, 0, q.edns ? 1 : 0);
        out.writeBytes(q.rawQuestion, 0, q.questionLength);
        if (q.edns) {
            writeOpt(out, q, Wire.RCODE_NOERROR);
        }
    }

    /** The first {@code keep} bytes of the answer's tail: its head bytes, then its own. */
    private static void writeTail(ByteBuf out, Answer a, int keep) {
        int fromHead = Math.min(keep, a.headLength);
        if (fromHead > 0) {
            out.writeBytes(a.head, a.headOffset, fromHead);
        }
        if (keep > fromHead) {
            out.writeBytes(a.tail, 0, keep - fromHead);
        }
    }

    private static void relocate(ByteBuf out, int tailStart, Answer a, int keep, int delta) {
        byte[] tail = a.tail;
        int shift = a.headLength;
        for (int p : a.relocations) {
            if (p >= keep) {
                return;
            }
            int i = p - shift;
            int pointer = ((tail[i] & 0xFF) << 8) | (tail[i + 1] & 0xFF);
            out.setShort(tailStart + p, pointer + delta);
        }
    }

    private void writeHeader(ByteBuf out, Query q, int rcode, boolean aa, boolean tc, int qd, int an, int ns,
                             int ar) {
        int flags = Wire.FLAG_QR | (q.flags & FLAGS_ECHOED) | (rcode & 0xF);
        if (aa) {
            flags |= Wire.FLAG_AA;
        }
        if (tc) {
            flags |= Wire.FLAG_TC;
        }
        if (recursionAvailable) {
            flags |= Wire.FLAG_RA;
        }
        out.writeLong(((long) q.id << 48) | ((long) flags << 32) | ((long) qd << 16) | an);
        out.writeInt((ns << 16) | ar);
    }

    /** Our OPT: our payload size, the high bits of the rcode, version 0, the query's DO bit (RFC 6891, RFC 3225). */
    private void writeOpt(ByteBuf out, Query q, int rcode) {
        out.writeByte(0);
        out.writeInt((Wire.TYPE_OPT << 16) | udpMaxResponseSize);
        out.writeInt(((rcode >>> 4) << 24) | (q.dnssecOk ? Wire.OPT_DO : 0));
        out.writeShort(0);
    }
}
