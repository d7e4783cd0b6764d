package io.lodestar.dns;

import io.netty.buffer.ByteBuf;

/**
 * Reads the header, the question and the EDNS OPT record of a query straight from a {@code ByteBuf} into a reusable
 * {@link Query}: bounds-checked, without allocation, without moving the buffer's indices.
 *
 * <p>The question name is lowercased and hashed while it is copied; compression pointers in the question, labels
 * over 63 bytes, names over 255 bytes and truncated or trailing bytes are rejected.
 */
final class QueryReader {

    /** The query is well formed: answer it. */
    static final int OK = -1;
    /** Not a query we answer at all (shorter than a header, or a response): send nothing. */
    static final int DROP = -2;

    private QueryReader() {
    }

    /**
     * Reads the readable bytes of {@code buf} into {@code q}. Returns {@link #OK}, {@link #DROP}, or the rcode to
     * answer with: {@code NOTIMP} for an opcode other than QUERY, {@code FORMERR} for anything malformed.
     */
    static int read(ByteBuf buf, Query q) {
        q.reset();
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - start < Wire.HEADER_LENGTH) {
            return DROP;
        }
        q.id = buf.getUnsignedShort(start);
        q.flags = buf.getUnsignedShort(start + 2);
        q.qdcount = buf.getUnsignedShort(start + 4);
        q.ancount = buf.getUnsignedShort(start + 6);
        q.nscount = buf.getUnsignedShort(start + 8);
        q.arcount = buf.getUnsignedShort(start + 10);
        if ((q.flags & Wire.FLAG_QR) != 0) {
            return DROP;
        }
        if (q.opcode() != Wire.OPCODE_QUERY) {
            return Wire.RCODE_NOTIMP;
        }
        if (q.qdcount != 1) {
            return Wire.RCODE_FORMERR;
        }
        int pos = readQuestion(buf, start + Wire.HEADER_LENGTH, end, q);
        if (pos < 0) {
            return Wire.RCODE_FORMERR;
        }
        pos = readRecords(buf, pos, end, q);
        if (pos != end) {
            // -1 (a malformed record) or bytes after the last record: both are format errors.
            return Wire.RCODE_FORMERR;
        }
        return OK;
    }

    /** Copies, lowercases and hashes the question; returns the offset after it, or -1 when it is malformed. */
    private static int readQuestion(ByteBuf buf, int qStart, int end, Query q) {
        int n = Math.min(end - qStart, Query.MAX_QUESTION_LENGTH);
        byte[] raw = q.rawQuestion;
        byte[] name = q.name;
        buf.getBytes(qStart, raw, 0, n);
        int h = Wire.hashStart();
        int i = 0;
        int labels = 0;
        while (true) {
            if (i >= n) {
                return -1;
            }
            int len = raw[i] & 0xFF;
            if (len == 0) {
                name[i++] = 0;
                h = Wire.hashStep(h, (byte) 0);
                break;
            }
            // > 63 covers compression pointers (0xC0) and the unassigned label types 0x40 and 0x80 (RFC 6891 5).
            if (len > Wire.MAX_LABEL_LENGTH || i + len + 2 > Wire.MAX_NAME_LENGTH || i + 1 + len > n) {
                return -1;
            }
            q.labelStarts[labels++] = i;
            if (labels > 1 && raw[i + 1] == '*') {
                q.hasInnerWildcardLabel = true;
            }
            name[i] = (byte) len;
            h = Wire.hashStep(h, (byte) len);
            for (int j = i + 1, last = i + len; j <= last; j++) {
                byte b = Wire.lower(raw[j]);
                name[j] = b;
                h = Wire.hashStep(h, b);
            }
            i += 1 + len;
        }
        if (i + 4 > n) {
            return -1;
        }
        q.nameLength = i;
        q.nameHash = h;
        q.labelCount = labels;
        q.qtype = ((raw[i] & 0xFF) << 8) | (raw[i + 1] & 0xFF);
        q.qclass = ((raw[i + 2] & 0xFF) << 8) | (raw[i + 3] & 0xFF);
        q.questionLength = i + 4;
        if (q.hasInnerWildcardLabel) {
            stripWildcards(q);
        } else {
            q.key = name;
            q.keyLength = i;
            q.keyHash = h;
        }
        return qStart + i + 4;
    }

    /**
     * Mesos-DNS removes every {@code .*} from the name before the lookup (spec 8.3, QUIRK 15): on the wire, a label
     * after the first that starts with {@code *} loses that byte and joins the label before it.
     */
    private static void stripWildcards(Query q) {
        byte[] name = q.name;
        byte[] key = q.strippedKey;
        int out = 0;
        int current = -1;
        for (int li = 0; li < q.labelCount; li++) {
            int s = q.labelStarts[li];
            int len = name[s] & 0xFF;
            if (li > 0 && name[s + 1] == '*') {
                System.arraycopy(name, s + 2, key, out, len - 1);
                out += len - 1;
                key[current] = (byte) ((key[current] & 0xFF) + len - 1);
            } else {
                current = out;
                System.arraycopy(name, s, key, out, len + 1);
                out += len + 1;
            }
        }
        key[out++] = 0;
        q.key = key;
        q.keyLength = out;
        q.keyHash = Wire.hash(key, 0, out);
    }

    /** Walks the answer, authority and additional records, reading the OPT; returns the offset after them or -1. */
    private static int readRecords(ByteBuf buf, int pos, int end, Query q) {
        int beforeAdditional = q.ancount + q.nscount;
        int total = beforeAdditional + q.arcount;
        for (int r = 0; r < total; r++) {
            int owner = pos;
            pos = WireNames.skipName(buf, pos, end);
            if (pos < 0 || pos + 10 > end) {
                return -1;
            }
            int type = buf.getUnsignedShort(pos);
            int rdlength = buf.getUnsignedShort(pos + 8);
            int rdata = pos + 10;
            if (rdata + rdlength > end) {
                return -1;
            }
            if (type == Wire.TYPE_OPT) {
                // One OPT, in the additional section, owned by the root (RFC 6891 6.1.1).
                if (r < beforeAdditional || q.edns || pos != owner + 1 || !validOptions(buf, rdata, rdlength)) {
                    return -1;
                }
                int ttl = buf.getInt(pos + 4);
                q.edns = true;
                q.ednsUdpSize = buf.getUnsignedShort(pos + 2);
                q.ednsVersion = (ttl >>> 16) & 0xFF;
                q.dnssecOk = (ttl & Wire.OPT_DO) != 0;
            }
            pos = rdata + rdlength;
        }
        return pos;
    }


    /** EDNS options are (code, length, data) triples that must fill the RDATA exactly (RFC 6891 6.1.2). */
    private static boolean validOptions(ByteBuf buf, int pos, int rdlength) {
        int end = pos + rdlength;
        while (pos < end) {
            if (pos + 4 > end) {
                return false;
            }
            pos += 4 + buf.getUnsignedShort(pos + 2);
        }
        return pos == end;
    }
}
