package io.lodestar.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** {@code lodestar -config FILE} with {@code masters}: live state from a (WireMock) master, served over DNS. */
class ServeLiveTest {
    private static final String WEB = "web.marathon.mesos.";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final ServeCommand command = new ServeCommand(print(out), print(err), exitCode::set);
    private final WireMockServer master = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private ServeCommand.Running running;

    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @BeforeEach
    void startMaster() {
        master.start();
    }

    @AfterEach
    void stop() {
        command.stop();
        if (running != null) {
            running.close();
        }
        master.stop();
    }

    private String masterAddress() {
        return "127.0.0.1:" + master.port();
    }

    private void serveWeb(String ip) {
        master.stubFor(get("/master/state").willReturn(okJson(StateJson.leader(masterAddress())
                .agent("a1", "10.0.1.1").task("marathon", "web", "a1", ip).text())));
    }

    private List<String> web() throws IOException {
        Message reply = DnsClient.udp(running.server().udpAddress(), DnsClient.query(WEB, Type.A));
        return reply.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList();
    }

    @Test
    void dnsOpensAfterTheFirstStateFromTheMasterAndFollowsIt() throws Exception {
        serveWeb("10.8.0.1");
        Config config = Config.builder().masters(List.of(masterAddress())).refreshSeconds(1).listener("127.0.0.1")
                .port(0).httpListener("127.0.0.1").httpPort(0).externalOn(false).build();

        running = command.serve(config, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> running.server().udpPort() > 0);
        assertThat(web()).containsExactly("10.8.0.1");

        serveWeb("10.8.0.2");
        await().atMost(Duration.ofSeconds(20)).until(() -> web().equals(List.of("10.8.0.2")));

        master.stubFor(get("/master/state").willReturn(aResponse().withStatus(500)));
        await().atMost(Duration.ofSeconds(20)).until(() -> running.live().refresher().failures()
                .count(FailureReason.HTTP_STATUS) > 0);
        assertThat(web()).containsExactly("10.8.0.2");
        assertThat(exitCode.get()).isEqualTo(-1);
    }

    @Test
    void runSaysWhereTheStateComesFromAndWaitsForIt() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"masters\": [\"127.0.0.1:1\"],"
                + " \"listener\": \"127.0.0.1\", \"port\": 0, \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0,"
                + " \"externalon\": false, \"stateSource\": \"stream\"}");

        int code = command.run(Cli.parse("-config", config.toString()));

        assertThat(code).isEqualTo(-1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("lodestar: waiting for a good state from masters [127.0.0.1:1] (stream); DNS opens on");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
