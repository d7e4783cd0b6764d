package io.lodestar.bench;

import io.netty.buffer.ByteBuf;

/** The question name of a query message as text, for setup error messages. */
final class ByteBufUtilText {

    private ByteBufUtilText() {
    }

    static String question(ByteBuf query) {
        StringBuilder b = new StringBuilder();
        int i = query.readerIndex() + 12;
        for (int len = query.getUnsignedByte(i); len != 0; len = query.getUnsignedByte(i)) {
            for (int j = 1; j <= len; j++) {
                b.append((char) query.getUnsignedByte(i + j));
            }
            b.append('.');
            i += len + 1;
        }
        return b + " type " + query.getUnsignedShort(i + 1);
    }
}
