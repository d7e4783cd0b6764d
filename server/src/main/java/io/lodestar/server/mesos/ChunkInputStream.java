package io.lodestar.server.mesos;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A response body as an {@link InputStream}, so that a large state document is parsed while it downloads, on a
 * worker thread. Each chunk is copied off the event loop as it arrives (the loop never waits); demand follows
 * reading, so at most {@value #PREFETCH} chunks wait in memory and a slow parser slows the download instead of
 * piling it up. {@link #read} parks the worker until a chunk arrives; the event loop side never takes a lock (it
 * adds to a lock-free queue and unparks the reader). Cancel it to drop the body and wake the reader.
 */
final class ChunkInputStream extends InputStream implements CoreSubscriber<ByteBuf> {
    static final int PREFETCH = 8;
    private static final byte[] END = new byte[0];

    private final Queue<byte[]> chunks = new ConcurrentLinkedQueue<>();
    private volatile Thread reader;
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
        offer(copy);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        offer(END);
    }

    @Override
    public void onComplete() {
        offer(END);
    }

    private void offer(byte[] chunk) {
        chunks.add(chunk);
        Thread waiting = reader;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
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
        offer(END);
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

    /** The next chunk, parking this (worker) thread until one arrives. */
    private byte[] take() throws InterruptedIOException {
        byte[] next;
        while ((next = chunks.poll()) == null) {
            reader = Thread.currentThread();
            next = chunks.poll(); // again, now that a producer will unpark us
            if (next != null) {
                break;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                reader = null;
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
        }
        reader = null;
        return next;
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
            byte[] next = take();
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
