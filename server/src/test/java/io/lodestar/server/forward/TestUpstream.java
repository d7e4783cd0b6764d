package io.lodestar.server.forward;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real upstream DNS server for the forwarding tests: UDP and TCP on the same 127.0.0.1 port, answering on plain
 * threads with dnsjava, in a {@link Mode} that can change while it runs. It answers {@code A} queries with
 * {@code 192.0.2.<id>} (so a test sees which upstream answered), {@value #BIG_COUNT} records for names starting
 * {@code big.}, NXDOMAIN with an SOA for names starting {@code nx.}, and echoes an OPT when the query had one.
 */
final class TestUpstream implements AutoCloseable {
    static final int BIG_COUNT = 100;

    /** How the upstream behaves. */
    enum Mode {
        /** Answers over UDP and TCP. */
        ANSWER,
        /** Reads queries and never answers (TCP: accepts, reads, keeps the connection open). */
        SILENT,
        /** Answers SERVFAIL. */
        SERVFAIL,
        /** Over UDP answers with TC set and no records; over TCP answers in full. */
        TRUNCATE_UDP,
        /** Answers over UDP with the ID plus one: a spoof the forwarder must drop. */
        WRONG_ID,
        /** Answers over UDP from another port: a spoof the forwarder must drop. */
        WRONG_PORT,
        /** Answers after {@link #delayMillis}. */
        SLOW
    }

    /** One query as the upstream received it. */
    record Received(Message message, boolean tcp) {
    }

    private final int id;
    private final InetAddress bind;
    private final DatagramSocket udp;
    private final DatagramSocket spoofer;
    private final ServerSocket tcp;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "slow"));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private volatile Mode mode;
    private volatile long delayMillis = 200;

    /** An upstream answering with {@code 192.0.2.<id>}, in {@code mode}. */
    TestUpstream(int id, Mode mode) throws IOException {
        this(id, mode, InetAddress.getLoopbackAddress());
    }

    /** An upstream listening on {@code loopback} (127.0.0.1 or ::1). */
    TestUpstream(int id, Mode mode, InetAddress loopback) throws IOException {
        this.id = id;
        this.mode = mode;
        this.bind = loopback;
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        // The same port for UDP and TCP: retry when TCP finds the UDP port taken.
        for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 1024, loopback);
            } catch (IOException taken) {
                boundUdp.close();
            }
        }
        if (boundTcp == null) {
            throw new IOException("no port free for both UDP and TCP");
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
        this.spoofer = new DatagramSocket(new InetSocketAddress(loopback, 0));
        daemon(this::serveUdp, "upstream-" + id + "-udp").start();
        daemon(this::serveTcp, "upstream-" + id + "-tcp").start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** {@code 127.0.0.1:port} or {@code [::1]:port}, as a {@code resolvers} entry. */
    String entry() {
        String host = bind.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + udp.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(bind, udp.getLocalPort());
    }

    /** The address this upstream answers with: {@code 192.0.2.<id>}. */
    String answerAddress() {
        return "192.0.2." + id;
    }

    void mode(Mode m) {
        this.mode = m;
    }

    void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    /** Every query received so far, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    int tcpConnections() {
        return tcpConnections.get();
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(buf, packet.getLength()));
                received.add(new Received(query, false));
                answerUdp(query, packet.getSocketAddress());
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // An unparsable datagram: ignore it, as a server would.
            }
        }
    }

    private void answerUdp(Message query, java.net.SocketAddress client) throws IOException {
        Mode m = mode;
        switch (m) {
            case SILENT -> { }
            case WRONG_ID -> {
                Message reply = reply(query, false);
                reply.getHeader().setID((query.getHeader().getID() + 1) & 0xFFFF);
                send(udp, reply, client);
            }
            case WRONG_PORT -> send(spoofer, reply(query, false), client);
            case SLOW -> {
                Message reply = reply(query, false);
                delayed.schedule(() -> {
                    send(udp, reply, client);
                    return null;
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
            default -> send(udp, reply(query, m == Mode.TRUNCATE_UDP), client);
        }
    }

    private static void send(DatagramSocket socket, Message reply, java.net.SocketAddress to) throws IOException {
        byte[] wire = reply.toWire();
        socket.send(new DatagramPacket(wire, wire.length, to));
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                tcpConnections.incrementAndGet();
                connections.add(s);
                daemon(() -> serveConnection(s), "upstream-" + id + "-conn").start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                Message query = new Message(wire);
                received.add(new Received(query, true));
                Mode m = mode;
                if (m == Mode.SILENT) {
                    continue;
                }
                byte[] reply = reply(query, false).toWire();
                if (m == Mode.SLOW) {
                    delayed.schedule(() -> write(out, reply), delayMillis, TimeUnit.MILLISECONDS);
                } else {
                    write(out, reply);
                }
            }
        } catch (IOException e) {
            // The client closed, or we are closing.
        } finally {
            connections.remove(s);
        }
    }

    private static Void write(DataOutputStream out, byte[] reply) throws IOException {
        synchronized (out) {
            out.writeShort(reply.length);
            out.write(reply);
            out.flush();
        }
        return null;
    }

    private Message reply(Message query, boolean truncate) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        reply.addRecord(question, Section.QUESTION);
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            reply.addRecord(new OPTRecord(4096, 0, 0, opt.getFlags() & Flags.DO), Section.ADDITIONAL);
        }
        if (mode == Mode.SERVFAIL) {
            reply.getHeader().setRcode(Rcode.SERVFAIL);
            return reply;
        }
        if (truncate) {
            reply.getHeader().setFlag(Flags.TC);
            return reply;
        }
        Name name = question.getName();
        String first = name.getLabelString(0).toLowerCase(java.util.Locale.ROOT);
        if (first.equals("nx")) {
            reply.getHeader().setRcode(Rcode.NXDOMAIN);
            reply.addRecord(soa(name), Section.AUTHORITY);
        } else if (question.getType() == Type.A) {
            int count = first.equals("big") ? BIG_COUNT : 1;
            for (int i = 0; i < count; i++) {
                reply.addRecord(new ARecord(name, DClass.IN, 60, address(count == 1 ? id : i + 1)),
                        Section.ANSWER);
            }
        }
        return reply;
    }

    private static SOARecord soa(Name name) {
        Name zone = new Name(name, 1);
        return new SOARecord(zone, DClass.IN, 300, Name.fromConstantString("ns." + zone),
                Name.fromConstantString("root." + zone), 1, 60, 60, 60, 30);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        udp.close();
        spoofer.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        delayed.shutdownNow();
    }
}
