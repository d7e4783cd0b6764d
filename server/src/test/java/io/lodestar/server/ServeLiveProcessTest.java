package io.lodestar.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.mesos.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * {@code lodestar -config FILE} with {@code masters} as a real process: it stays up while no master leads (nothing
 * but daemon threads run then), opens DNS after the first state, and stops on SIGTERM.
 */
class ServeLiveProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1 port (\\d+)");

    @Test
    void waitsForALeaderThenServesUntilSigterm(@TempDir Path dir) throws Exception {
        WireMockServer master = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        master.start();
        master.stubFor(get("/master/state").willReturn(aResponse().withStatus(503)));
        String address = "127.0.0.1:" + master.port();
        Path config = Files.writeString(dir.resolve("config.json"), "{\"masters\": [\"" + address + "\"],"
                + " \"listener\": \"127.0.0.1\", \"port\": 0, \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0,"
                + " \"externalon\": false, \"refreshSeconds\": 1}");
        Path output = dir.resolve("output.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // No leader for two attempts: the process must still be there.
            await().atMost(30, TimeUnit.SECONDS).until(() -> master.findAll(getRequestedFor(urlEqualTo("/master/state")))
                    .size() >= 2);
            assertThat(p.isAlive()).as("alive while waiting for a leader").isTrue();
            assertThat(read(output)).contains("waiting for a good state from masters [" + address + "] (poll)");

            master.stubFor(get("/master/state").willReturn(okJson(StateJson.leader(address).agent("a1", "10.0.1.1")
                    .task("marathon", "web", "a1", "10.8.0.1").text())));
            Matcher listening = await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> LISTENING.matcher(read(output)), Matcher::find);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1)));
            assertThat(DnsClient.udp(server, DnsClient.query("web.marathon.mesos.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
            master.stop();
        }
        assertThat(read(output)).contains("lodestar: stopped");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
