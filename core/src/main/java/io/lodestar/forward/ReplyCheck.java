package io.lodestar.forward;

import io.netty.buffer.ByteBuf;

/**
 * Does an upstream reply answer the query we sent (RFC 5452 9.1)? The forwarder has already matched the upstream
 * address and the ID; this checks the rest: QR set and the same question (name compared without ASCII case, type,
 * class). A reply without a question is accepted only as an error (FORMERR, SERVFAIL, NOTIMP, REFUSED...), which
 * old servers send that way and which can only make the forwarder try its next upstream.
 */
public final class ReplyCheck {

    private ReplyCheck() {
    }

    /**
     * True when the readable bytes of {@code reply} answer the question {@code lowerName} (wire form, lowercase,
     * {@code nameLength} bytes with the root), {@code qtype}, {@code qclass}.
     */
    public static boolean answers(ByteBuf reply, byte[] lowerName, int nameLength, int qtype, int qclass) {
        int base = reply.readerIndex();
        int end = reply.writerIndex();
        if (end - base < MessageLayout.HEADER_LENGTH) {
            return false;
        }
        int flags = reply.getUnsignedShort(base + 2);
        if ((flags & MessageLayout.FLAG_QR) == 0) {
            return false;
        }
        int qdcount = reply.getUnsignedShort(base + 4);
        if (qdcount == 0) {
            return (flags & 0xF) != 0;
        }
        if (qdcount != 1) {
            return false;
        }
        int q = base + MessageLayout.HEADER_LENGTH;
        if (q + nameLength + 4 > end) {
            return false;
        }
        // Equal bytes after ASCII lowercasing; a pointer byte (>= 0xC0) never equals a label length (<= 63).
        for (int i = 0; i < nameLength; i++) {
            byte b = reply.getByte(q + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerName[i]) {
                return false;
            }
        }
        return reply.getUnsignedShort(q + nameLength) == qtype && reply.getUnsignedShort(q + nameLength + 2) == qclass;
    }
}
