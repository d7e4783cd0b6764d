package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lodestar serve} with the HTTP API: it listens from start-up, reports the state file's failures in
 * {@code /ready} and the refresh meters, and serves on its own when DNS is off.
 */
class ServeHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ServeCommand command = new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), code -> { });
    private ServeCommand.Running running;

    @BeforeAll
    static void blockHound() {
        BlockHoundSupport.install();
    }

    @AfterEach
    void stop() {
        command.stop();
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theDemoServesItsTasksOverHttp() throws Exception {
        running = command.serve(ServeCommand.demoConfig().toBuilder().port(0).httpPort(0).build(),
                ServeCommand.demoState());

        assertThat(get("/v1/hosts/search.marathon.mesos").body()).contains("127.0.0.11", "127.0.0.12", "127.0.0.13");
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"source\": \"embedded demo state\"", "\"leader\": \"127.0.0.1\"");
        assertThat(get("/metrics").body()).contains("lodestar_refresh_successes_total 1.0");
    }

    @Test
    void httpAnswersBeforeTheFirstGoodStateAndSaysWhy() throws Exception {
        Path state = dir.resolve("state.json");
        running = command.serve(fileConfig(state).build(), null);

        assertThat(running.server().udpPort()).as("DNS waits for records").isEqualTo(-1);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("no records published yet; state file " + state + " failing since ",
                ": no such file");
        assertThat(get("/metrics").body()).contains("lodestar_refresh_failures_total{reason=\"state_file_unreadable\"} 1.0");

        Files.write(state, ServeCommand.demoState());
        await().atMost(10, TimeUnit.SECONDS).until(() -> get("/ready").statusCode() == 200);
    }

    @Test
    void aBrokenStateFileIsCountedWhileTheLastRecordsStayReady() throws Exception {
        Path state = Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        running = command.serve(fileConfig(state).build(), null);

        Files.writeString(state, "{ broken");
        await().atMost(10, TimeUnit.SECONDS).until(() -> get("/metrics").body()
                .contains("lodestar_refresh_failures_total{reason=\"invalid_state\"} 1.0"));

        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).as("within the staleness limit").isEqualTo(200);
        assertThat(ready.body()).contains("\"failingSince\": \"20");
    }

    @Test
    void withMastersReadinessAndMetricsFollowTheLiveRefresh() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: connections are refused
        }
        running = command.serve(Config.builder().masters(java.util.List.of("127.0.0.1:" + closed)).refreshSeconds(1)
                .listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0).externalOn(false).build(), null);

        await().atMost(15, TimeUnit.SECONDS).until(() -> get("/metrics").body()
                .contains("lodestar_refresh_failures_total{reason=\"connection\"} 1.0"));
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"source\": \"Mesos master (poll)\"",
                "no records published yet; Mesos master (poll) failing since", ": connection: ");
    }

    @Test
    void withDnsOffOnlyHttpServes() throws Exception {
        Path state = Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        Path config = Files.writeString(dir.resolve("config.json"), "{\"dnson\": false, \"HTTPListener\": \"127.0.0.1\","
                + " \"httpport\": 0, \"stateFile\": \"" + state + "\", \"externalon\": false}");

        int code = command.run(Cli.parse(new String[] {"-config", config.toString()}));

        assertThat(code).isEqualTo(-1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("lodestar: DNS is off (dnsOn: false)\n"
                + "lodestar: serving HTTP on http://127.0.0.1:");
    }

    @Test
    void runPrintsWhereHttpListens() throws Exception {
        Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        Path config = Files.writeString(dir.resolve("config.json"), "{\"listener\": \"127.0.0.1\", \"port\": 0,"
                + " \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0, \"stateFile\": \"state.json\","
                + " \"externalon\": false}");

        command.run(Cli.parse(new String[] {"-config", config.toString()}));

        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern(
                "\nlodestar: serving HTTP on http://127\\.0\\.0\\.1:\\d+/ \\(status page; /v1/\\.\\.\\., /health, /ready,"
                        + " /metrics\\)\n");
    }

    private Config.Builder fileConfig(Path state) {
        return Config.builder().listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0)
                .stateFile(state.toString()).externalOn(false);
    }

    private HttpResponse<String> get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + running.httpAddress().getPort() + path);
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
