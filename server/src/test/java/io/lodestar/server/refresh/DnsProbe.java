package io.lodestar.server.refresh;

import io.lodestar.config.Config;
import io.lodestar.dns.QueryProcessor;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.dns.DnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The real DNS server on 127.0.0.1 (NIO, one loop, any free port) over a holder, and a dnsjava client for it. */
final class DnsProbe implements AutoCloseable {
    private final DnsServer server;
    private final InetSocketAddress address;

    DnsProbe(Config config, SnapshotHolder holder) throws BindException {
        Config dns = config.toBuilder().listener("127.0.0.1").port(0).build();
        this.server = new DnsServer(dns, new QueryProcessor(holder, dns), 1, false);
        server.start();
        this.address = server.udpAddress();
    }

    /** The A records of {@code name} over UDP, sorted; empty for NXDOMAIN, NODATA or SERVFAIL. */
    List<String> a(String name) {
        try {
            Message reply = DnsClient.udp(address, DnsClient.query(name, Type.A));
            List<String> out = new ArrayList<>();
            if (reply.getRcode() != Rcode.NOERROR) {
                return out;
            }
            for (Record r : reply.getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) {
                    out.add(a.getAddress().getHostAddress());
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Handler errors the server counted (a blocking call caught by BlockHound would be one). */
    long errors() {
        return server.counters().errors();
    }

    @Override
    public void close() {
        server.close();
    }
}
