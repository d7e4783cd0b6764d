package io.lodestar.forward;

import io.netty.buffer.ByteBuf;

/**
 * The response the forwarder writes itself when it has no upstream reply to relay (SERVFAIL when every upstream
 * failed or too many queries are in flight): the query's ID, opcode, RD and CD, the question echoed as received,
 * and an OPT when the query had one (RFC 6891 7).
 */
public final class ErrorReply {

    private static final int FLAGS_ECHOED = 0x7800 | 0x0100 | 0x0010;
    private static final int FLAG_RA = 0x0080;

    private ErrorReply() {
    }

    /**
     * Writes the response at the writer index of {@code out}. {@code query} holds the client's message from its
     * first byte (reader index); its question of {@code questionLength} bytes is echoed. With {@code ednsSize} > 0
     * an OPT advertising that size is added, with the DO bit when {@code dnssecOk}.
     */
    public static void write(ByteBuf query, int questionLength, int rcode, boolean recursionAvailable, int ednsSize,
                             boolean dnssecOk, ByteBuf out) {
        int q = query.readerIndex();
        int flags = MessageLayout.FLAG_QR | (query.getUnsignedShort(q + 2) & FLAGS_ECHOED) | (rcode & 0xF);
        if (recursionAvailable) {
            flags |= FLAG_RA;
        }
        out.ensureWritable(MessageLayout.HEADER_LENGTH + questionLength + 11);
        out.writeShort(query.getUnsignedShort(q));
        out.writeShort(flags);
        out.writeShort(1);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(ednsSize > 0 ? 1 : 0);
        out.writeBytes(query, q + MessageLayout.HEADER_LENGTH, questionLength);
        if (ednsSize > 0) {
            out.writeByte(0);
            out.writeShort(MessageLayout.TYPE_OPT);
            out.writeShort(ednsSize);
            out.writeInt(((rcode >>> 4) << 24) | (dnssecOk ? 0x8000 : 0));
            out.writeShort(0);
        }
    }
}
