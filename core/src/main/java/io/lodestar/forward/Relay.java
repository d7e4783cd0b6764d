package io.lodestar.forward;

import io.netty.buffer.ByteBuf;

/**
 * Turns an upstream reply into the response a client gets (RFC 5625 transparent relay): the same bytes with the
 * client's ID, cut by whole records when it is larger than the client's limit. A cut drops the additional section
 * first (keeping the OPT record, which tells the client about EDNS) and costs no TC on its own (RFC 2181 9); when
 * answer or authority records must go too, the last ones go and TC is set.
 */
public final class Relay {

    /** What {@link #write} did. */
    public enum Result {
        /** Relayed whole (apart from the ID and, with {@code setTruncateBit} off, the TC flag). */
        WHOLE,
        /** Additional records were left out; no answer or authority record was lost. */
        ADDITIONAL_CUT,
        /** Answer or authority records were left out: TC is set unless {@code setTruncateBit} is off. */
        TRUNCATED,
        /** Not a well-formed DNS message: nothing was written. */
        MALFORMED
    }

    private Relay() {
    }

    /**
     * Writes the readable bytes of {@code reply} (indices untouched) at the writer index of {@code out}, with ID
     * {@code clientId}, in at most {@code limit} bytes. {@code setTruncateBit} false clears TC in every relayed
     * reply, as Mesos-DNS's {@code SetTruncateBit} does. A reply that {@link MessageLayout} cannot read is not
     * relayed at all ({@link Result#MALFORMED}).
     */
    public static Result write(ByteBuf reply, int clientId, int limit, boolean setTruncateBit, ByteBuf out) {
        int length = reply.readableBytes();
        int start = out.writerIndex();
        // Only a well-formed message is relayed, even whole: a name pointing into the header would change meaning
        // with the client's ID.
        MessageLayout m = MessageLayout.read(reply);
        if (m == null) {
            return Result.MALFORMED;
        }
        if (length <= limit) {
            out.writeBytes(reply, reply.readerIndex(), length);
            out.setShort(start, clientId);
            if (!setTruncateBit) {
                out.setShort(start + 2, out.getUnsignedShort(start + 2) & ~MessageLayout.FLAG_TC);
            }
            return Result.WHOLE;
        }
        if (m.questionEnd() > limit) {
            return Result.MALFORMED;
        }
        return cut(reply, m, clientId, limit, setTruncateBit, out);
    }

    private static Result cut(ByteBuf reply, MessageLayout m, int clientId, int limit, boolean setTruncateBit,
                              ByteBuf out) {
        int base = reply.readerIndex();
        int optStart = 0;
        int optLength = 0;
        int opt = m.optIndex();
        // RFC 6891 6.1.1: the OPT owner is the root; anything else is not an OPT we can move safely.
        if (opt >= 0 && reply.getByte(base + m.recordStart(opt)) == 0) {
            optStart = m.recordStart(opt);
            optLength = m.recordEnd(opt) - optStart;
        }
        if (m.questionEnd() + optLength > limit) {
            optLength = 0;
        }
        int budget = limit - m.questionEnd() - optLength;
        int sections = m.answerCount() + m.authorityCount();
        int first = m.recordStart(0);
        int keep = 0;
        while (keep < sections && m.recordEnd(keep) - first <= budget) {
            keep++;
        }
        boolean truncated = keep < sections;
        int answers = Math.min(keep, m.answerCount());
        int authority = keep - answers;
        int start = out.writerIndex();
        out.ensureWritable(m.questionEnd() + (m.recordStart(keep) - first) + optLength);
        out.writeBytes(reply, base, m.questionEnd());
        out.writeBytes(reply, base + first, m.recordStart(keep) - first);
        if (optLength > 0) {
            out.writeBytes(reply, base + optStart, optLength);
        }
        int flags = m.flags();
        if (truncated) {
            flags |= MessageLayout.FLAG_TC;
        }
        if (!setTruncateBit) {
            flags &= ~MessageLayout.FLAG_TC;
        }
        out.setShort(start, clientId);
        out.setShort(start + 2, flags);
        out.setShort(start + 6, answers);
        out.setShort(start + 8, authority);
        out.setShort(start + 10, optLength > 0 ? 1 : 0);
        return truncated ? Result.TRUNCATED : Result.ADDITIONAL_CUT;
    }
}
