package io.lodestar.mesos;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental decoder of RecordIO, the framing of the Mesos operator API event stream: each record is its length
 * in ASCII decimal, a {@code \n}, then exactly that many bytes. Chunks are fed as they arrive off the network; a
 * record (or even its length) may span any number of chunks. A record's buffer grows with the bytes that arrive
 * (a length is only a claim), within {@code maxRecordBytes}. Not thread-safe: one decoder per stream.
 */
public final class RecordIoDecoder {
    /** A length needs at most this many digits; more means the stream is not RecordIO. */
    private static final int MAX_DIGITS = 12;

    /** The first buffer of a record; it doubles as bytes arrive, never beyond the announced length. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final long maxRecordBytes;
    private long length;
    private int digits;
    private boolean inRecord;
    private byte[] record;
    private int filled;

    /** Framing that cannot be RecordIO, or a record longer than the limit: the stream must be dropped. */
    public static final class FramingException extends Exception {
        private static final long serialVersionUID = 1L;

        public FramingException(String message) {
            super(message);
        }
    }

    /** @param maxRecordBytes the longest record accepted (a SUBSCRIBED snapshot of a large cluster is tens of MB) */
    public RecordIoDecoder(long maxRecordBytes) {
        if (maxRecordBytes <= 0 || maxRecordBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Decodes the remaining bytes of {@code chunk} (consuming them) and hands each completed record to {@code sink}. */
    public void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FramingException {
        while (chunk.hasRemaining()) {
            if (!inRecord) {
                readLength(chunk, sink);
                continue;
            }
            int n = (int) Math.min(chunk.remaining(), length - filled);
            if (filled + n > record.length) {
                // A length is only a claim: memory follows the bytes that actually arrive.
                record = Arrays.copyOf(record, (int) Math.min(length, Math.max(2L * record.length, filled + n)));
            }
            chunk.get(record, filled, n);
            filled += n;
            if (filled == length) {
                emit(sink);
            }
        }
    }

    /** {@link #feed(ByteBuffer, Consumer)} for an array slice. */
    public void feed(byte[] chunk, int offset, int count, Consumer<byte[]> sink) throws FramingException {
        feed(ByteBuffer.wrap(chunk, offset, count), sink);
    }

    /** True when the bytes fed so far end inside a record: a stream that ends now was cut short. */
    public boolean midRecord() {
        return inRecord || digits > 0;
    }

    private void readLength(ByteBuffer chunk, Consumer<byte[]> sink) throws FramingException {
        byte b = chunk.get();
        if (b == '\n') {
            if (digits == 0) {
                throw new FramingException("RecordIO: empty record length");
            }
            startRecord(sink);
            return;
        }
        if (b < '0' || b > '9') {
            throw new FramingException("RecordIO: unexpected byte 0x" + Integer.toHexString(b & 0xFF)
                    + " in a record length");
        }
        if (++digits > MAX_DIGITS) {
            throw new FramingException("RecordIO: record length has more than " + MAX_DIGITS + " digits");
        }
        length = length * 10 + (b - '0');
    }

    private void startRecord(Consumer<byte[]> sink) throws FramingException {
        if (length > maxRecordBytes) {
            throw new FramingException("RecordIO: record of " + length + " bytes exceeds the limit of "
                    + maxRecordBytes);
        }
        record = new byte[(int) Math.min(length, FIRST_BUFFER)];
        filled = 0;
        inRecord = true;
        if (length == 0) {
            emit(sink);
        }
    }

    private void emit(Consumer<byte[]> sink) {
        byte[] done = record;
        record = null;
        inRecord = false;
        length = 0;
        digits = 0;
        filled = 0;
        sink.accept(done);
    }
}
