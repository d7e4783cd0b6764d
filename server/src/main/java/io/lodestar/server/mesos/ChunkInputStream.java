package io.lodestar.server.mesos;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A response body as an {@link InputStream}, so that a large state document is parsed while it downloads, on a
 * worker thread. Each chunk is copied off the event loop as it arrives (the loop never waits); demand follows
 * reading, so at most {@value #PREFETCH} chunks wait in memory and a slow parser slows the download instead of
 * piling it up. {@link #read} blocks, on the worker only. Cancel it to drop the body and wake the reader.
 */
final class ChunkInputStream extends InputStream implements CoreSubscriber<ByteBuf> {
    static final int PREFETCH = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;
    private volatile Throwable error;
    private volatile boolean cancelled;
    private byte[] current;
    private int position;
    private boolean ended;

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(PREFETCH);
    }

    @Override
    public void onNext(ByteBuf buf) {
        byte[] copy = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), copy);
        chunks.add(copy);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        chunks.add(END);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    /** Stops the download and makes any blocked or later read fail. Idempotent. */
    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        chunks.add(END);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        cancel();
    }

    /** Makes bytes available in {@code current}; false at the end of the body. */
    private boolean fill() throws IOException {
        while (current == null || position == current.length) {
            if (ended) {
                return false;
            }
            if (current != null) {
                current = null;
                subscription.request(1); // the chunk just read is replaced by the next one
            }
            byte[] next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
            if (next == END) {
                ended = true;
                if (cancelled) {
                    throw new IOException("response body cancelled");
                }
                Throwable t = error;
                if (t != null) {
                    throw new IOException("response body broke off: " + t, t);
                }
                return false;
            }
            current = next;
            position = 0;
        }
        return true;
    }
}
