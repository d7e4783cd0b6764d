package io.lodestar.server.http;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** An upstream resolver on 127.0.0.1 for the forwarding meters: answers every UDP query with one A record. */
final class FakeUpstream implements AutoCloseable {
    static final String ADDRESS = "192.0.2.1";
    private final DatagramSocket socket;

    FakeUpstream() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::serve, "fake-upstream");
        t.setDaemon(true);
        t.start();
    }

    /** {@code 127.0.0.1:port}, as a resolver entry. */
    String entry() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(buf, packet.getLength()));
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                Record question = query.getQuestion();
                reply.addRecord(question, Section.QUESTION);
                reply.addRecord(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(ADDRESS)),
                        Section.ANSWER);
                byte[] wire = reply.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // A query we cannot parse: no answer, as a real resolver might do.
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
