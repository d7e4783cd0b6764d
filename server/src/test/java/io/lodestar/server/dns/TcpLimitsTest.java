package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The TCP limits over real sockets: the cap on open connections and the idle timeout. */
class TcpLimitsTest {
    private DnsServer server;

    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DnsServer start(Config.Builder config) throws IOException {
        Config c = config.build();
        server = new DnsServer(c, TestZone.processor(c), 1, true);
        server.start();
        return server;
    }

    @Test
    void closesConnectionsBeyondTheCap() throws IOException {
        start(TestZone.config().toBuilder().tcpMaxConnections(2));
        try (Socket first = DnsClient.connect(server.tcpAddress())) {
            Socket second = DnsClient.connect(server.tcpAddress());
            assertAnswers(first);
            assertAnswers(second);

            assertThat(connectAndRead()).as("the third connection is closed at once").isEqualTo(-1);
            await().until(() -> server.counters().tcpRejected() == 1);
            assertAnswers(first);

            second.close();
            await().until(() -> server.openTcpConnections() == 1);
            try (Socket again = DnsClient.connect(server.tcpAddress())) {
                assertAnswers(again);
            }
        }
        assertThat(server.counters().tcpConnections()).isEqualTo(3);
    }

    @Test
    void closesAConnectionIdleForTheTimeout() throws IOException {
        start(TestZone.config().toBuilder().tcpIdleTimeoutSeconds(1));
        try (Socket socket = DnsClient.connect(server.tcpAddress())) {
            assertAnswers(socket);
            long start = System.nanoTime();

            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        }
        await().until(() -> server.counters().tcpIdleClosed() == 1 && server.openTcpConnections() == 0);
    }

    private static void assertAnswers(Socket socket) throws IOException {
        DnsClient.writeFramed(socket, DnsClient.query(TestZone.WEB, Type.A));
        Message reply = DnsClient.readFrame(new DataInputStream(socket.getInputStream()));
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    /**
     * Connects and reads one byte; -1 when the server closed or reset the connection. The reset can arrive before
     * connect() returns (the server accepts and resets at once), which a warm JVM makes likely.
     */
    private int connectAndRead() throws IOException {
        Socket socket;
        try {
            socket = DnsClient.connect(server.tcpAddress());
        } catch (SocketException reset) {
            return -1;
        }
        try (socket) {
            return readOrReset(socket);
        }
    }

    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
