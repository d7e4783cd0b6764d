package io.lodestar.dns;

import io.netty.buffer.ByteBuf;

/** Walking DNS names in a message without decoding them: shared by the query reader and the forwarder's reply checks. */
public final class WireNames {
    private WireNames() {
    }

    /**
     * Skips the name at {@code pos}, which may end in a compression pointer; returns the position after it, or -1
     * when it is malformed (a label over 63 bytes, a name over 255) or runs past {@code end} (RFC 1035 4.1.4).
     */
    public static int skipName(ByteBuf buf, int pos, int end) {
        int length = 1;
        while (pos < end) {
            int len = buf.getUnsignedByte(pos);
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2 <= end ? pos + 2 : -1;
            }
            length += len + 1;
            if (len > Wire.MAX_LABEL_LENGTH || length > Wire.MAX_NAME_LENGTH) {
                return -1;
            }
            pos += len + 1;
        }
        return -1;
    }
}
