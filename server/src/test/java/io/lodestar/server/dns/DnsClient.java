package io.lodestar.server.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A plain DNS client for the tests: builds queries with dnsjava and exchanges raw bytes over real sockets, so the
 * tests see exactly what went on the wire (dnsjava's resolver would retry truncated answers over TCP by itself).
 */
public final class DnsClient {
    private static final int TIMEOUT_MS = 5000;

    private DnsClient() {
    }

    public static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        } catch (IOException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** A query with an EDNS(0) OPT record advertising {@code udpSize}. */
    public static Message ednsQuery(String name, int type, int udpSize) {
        Message m = query(name, type);
        m.addRecord(new OPTRecord(udpSize, 0, 0), Section.ADDITIONAL);
        return m;
    }

    public static Message udp(InetSocketAddress server, Message query) throws IOException {
        return new Message(udp(server, query.toWire()));
    }

    /** Sends one datagram and returns the reply's bytes. */
    public static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            return java.util.Arrays.copyOf(buf, reply.getLength());
        }
    }

    public static Message tcp(InetSocketAddress server, Message query) throws IOException {
        return tcpPipelined(server, List.of(query)).get(0);
    }

    /** Writes every query on one connection in a single write, then reads as many replies. */
    public static List<Message> tcpPipelined(InetSocketAddress server, List<Message> queries) throws IOException {
        try (Socket socket = connect(server)) {
            socket.getOutputStream().write(framed(queries));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Message> replies = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                replies.add(readFrame(in));
            }
            return replies;
        }
    }

    public static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    /** The queries, each after its 2-byte length, back to back. */
    public static byte[] framed(List<Message> queries) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Message q : queries) {
            byte[] wire = q.toWire();
            out.write(wire.length >> 8);
            out.write(wire.length);
            out.writeBytes(wire);
        }
        return out.toByteArray();
    }

    public static void writeFramed(Socket socket, Message query) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(framed(List.of(query)));
        out.flush();
    }

    public static Message readFrame(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] wire = new byte[length];
        in.readFully(wire);
        return new Message(wire);
    }
}
