package io.lodestar.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A dnsjava load generator on loopback: A queries for a fixed list of names, round robin, at a fixed rate from one
 * UDP socket, every reply matched to its query by ID. Bounded in count ({@value #MAX_QUERIES}, so that IDs stay
 * unique) and in time ({@link #stop()}, or {@value #MAX_SECONDS} s at most). Each query is tagged with the step it
 * was sent in, for per-step figures.
 */
final class LoadGenerator implements AutoCloseable {
    static final int MAX_QUERIES = 65_536;
    static final int MAX_SECONDS = 180;

    /** One query: what was asked, when, in which step; and what came back (null: nothing yet). */
    static final class Query {
        final String name;
        final String step;
        final long sentNanos;
        volatile Answer answer;

        Query(String name, String step, long sentNanos) {
            this.name = name;
            this.step = step;
            this.sentNanos = sentNanos;
        }
    }

    /** A reply: its rcode and its A addresses, sorted. */
    record Answer(int rcode, List<String> addresses) {
    }

    /** The figures of one step. */
    record Figures(String step, int sent, int answered, int wrong, int lost) {
    }

    private final InetSocketAddress server;
    private final List<String> names;
    private final DatagramSocket socket;
    private final AtomicReferenceArray<Query> queries = new AtomicReferenceArray<>(MAX_QUERIES);
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "load-sender"));
    private final Thread receiver;
    private final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
    private volatile String step = "start";
    private volatile boolean stopped;

    LoadGenerator(InetSocketAddress server, List<String> names) {
        this.server = server;
        this.names = List.copyOf(names);
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.receiver = daemon(this::receive, "load-receiver");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts sending {@code perSecond} queries a second. */
    void start(int perSecond) {
        receiver.start();
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        sender.scheduleAtFixedRate(this::sendOne, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Queries sent from now on belong to {@code name}. */
    void step(String name) {
        step = name;
    }

    int sent() {
        return sent.get();
    }

    private void sendOne() {
        int seq = sent.get();
        if (stopped || seq >= MAX_QUERIES || System.nanoTime() > deadline) {
            return;
        }
        String name = names.get(seq % names.size());
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
            m.getHeader().setID(seq & 0xFFFF);
            byte[] wire = m.toWire();
            queries.set(seq, new Query(name, step, System.nanoTime()));
            sent.incrementAndGet();
            socket.send(new DatagramPacket(wire, wire.length, server));
        } catch (IOException e) {
            // Counted as lost: the query is recorded and no reply will match it.
        }
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                Message reply = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                Query q = queries.get(reply.getHeader().getID());
                if (q == null) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (Record r : reply.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a) {
                        addresses.add(a.getAddress().getHostAddress());
                    }
                }
                addresses.sort(null);
                q.answer = new Answer(reply.getRcode(), addresses);
            } catch (SocketTimeoutException idle) {
                // Check whether the socket was closed.
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Stops sending; the replies still on their way keep coming until {@link #close()}. */
    void stop() {
        stopped = true;
        sender.shutdownNow();
    }

    /** True once every query sent has its reply. */
    boolean allAnswered() {
        for (int i = 0; i < sent.get(); i++) {
            Query q = queries.get(i);
            if (q != null && q.answer == null) {
                return false;
            }
        }
        return true;
    }

    /** Every query sent, in order. */
    List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (int i = 0; i < sent.get(); i++) {
            Query q = queries.get(i);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    /** Sent, answered, wrong (by {@code correct}) and lost (no reply) per step, in the order the steps came. */
    List<Figures> figures(java.util.function.Predicate<Query> correct) {
        Map<String, int[]> byStep = new LinkedHashMap<>();
        for (Query q : queries()) {
            int[] f = byStep.computeIfAbsent(q.step, s -> new int[4]);
            f[0]++;
            if (q.answer == null) {
                f[3]++;
            } else {
                f[1]++;
                if (!correct.test(q)) {
                    f[2]++;
                }
            }
        }
        List<Figures> out = new ArrayList<>();
        byStep.forEach((s, f) -> out.add(new Figures(s, f[0], f[1], f[2], f[3])));
        return out;
    }

    @Override
    public void close() {
        stop();
        socket.close();
    }
}
