package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lodestar.config.Config;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.dns.DnsClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** {@code lodestar serve} and {@code -demo}: what listens when, what is printed, and the exit codes. */
class ServeCommandTest {
    /** A state with a leader and nothing else: every task name is gone. */
    private static final String EMPTY_STATE = "{\"leader\": \"master@127.0.0.1:5050\", \"frameworks\": [], \"slaves\": []}";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final ServeCommand command = new ServeCommand(print(out), print(err), exitCode::set);
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
    void theDemoAnswersItsTaskNames() throws Exception {
        running = command.serve(demoConfig(), ServeCommand.demoState());

        Message a = DnsClient.udp(udp(), DnsClient.query("search.marathon.mesos.", Type.A));
        assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.getSection(Section.ANSWER)).extracting(r -> r.rdataToString())
                .containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12", "127.0.0.13");

        Message srv = DnsClient.tcp(tcp(), DnsClient.query("_search._tcp.marathon.mesos.", Type.SRV));
        assertThat(srv.getSection(Section.ANSWER)).hasSize(3);
    }

    @Test
    void theDemoHelpCommandsWorkAsPrinted() throws Exception {
        String dig = which("dig");
        assumeTrue(dig != null, "dig is not installed (apt-get install dnsutils): skipping the printed-commands check");
        running = command.serve(demoConfig(), ServeCommand.demoState());
        String help = DemoHelp.text(running.records(), demoConfig(), running.server().udpPort(),
                running.httpAddress().getPort());

        List<String> commands = help.lines().map(String::strip).filter(l -> l.startsWith("dig ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(5);
        List<String> curls = help.lines().map(String::strip).filter(l -> l.startsWith("curl ")).toList();
        assertThat(curls).hasSize(2);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String line : curls) {
            String url = line.substring(line.lastIndexOf(' ') + 1);
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(line).isEqualTo(200);
            assertThat(r.body()).as(line).contains("127.0.0.1").doesNotContain("\"ip\": \"\"");
        }
        for (String line : commands) {
            String output = run(line.split(" "));
            if (line.contains(" missing.")) {
                assertThat(output).as(line).contains("status: NXDOMAIN");
            } else {
                assertThat(output).as(line).contains("status: NOERROR").doesNotContain("ANSWER: 0,");
            }
        }
    }

    @Test
    void aConfigErrorExitsWith2AndOneLine() {
        int code = command.run(cli("-config", dir.resolve("missing.json").toString()));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("lodestar: config: ").hasLineCount(1);
    }

    @Test
    void aPortInUseExitsWith1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = writeConfig(taken.getLocalPort(), "state.json", "");
            Files.write(dir.resolve("state.json"), ServeCommand.demoState());

            int code = command.run(cli("-config", config.toString()));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("cannot listen on tcp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void runServesTheStateFileAndSaysWhere() throws IOException {
        Files.write(dir.resolve("state.json"), ServeCommand.demoState());

        int code = command.run(cli("-config", writeConfig(0, "state.json", "").toString()));

        assertThat(code).isEqualTo(-1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("lodestar: serving DNS for mesos. on 127.0.0.1:");
    }

    @Test
    void nothingListensBeforeTheFirstGoodState() throws Exception {
        Path state = Files.writeString(dir.resolve("state.json"), "not json");
        running = command.serve(fileConfig(state).build(), null);

        assertThat(running.server().udpPort()).as("no port before a good state").isEqualTo(-1);

        Files.write(state, ServeCommand.demoState());
        await().atMost(10, TimeUnit.SECONDS).until(() -> running.server().udpPort() > 0);
        assertThat(DnsClient.udp(udp(), DnsClient.query("search.marathon.mesos.", Type.A)).getRcode())
                .isEqualTo(Rcode.NOERROR);
    }

    @Test
    void aPortInUseWhenTheFirstGoodStateArrivesLaterEndsTheProcessWith1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path state = dir.resolve("state.json");
            running = command.serve(fileConfig(state).port(taken.getLocalPort()).build(), null);
            assertThat(exitCode.get()).isEqualTo(-1);

            Files.write(state, ServeCommand.demoState());

            await().atMost(10, TimeUnit.SECONDS).until(() -> exitCode.get() == 1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot listen on tcp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void reloadsTheStateFileWhenItChanges() throws Exception {
        Path state = Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        running = command.serve(fileConfig(state).build(), null);
        assertThat(rcode("search.marathon.mesos.")).isEqualTo(Rcode.NOERROR);

        Files.writeString(state, EMPTY_STATE);
        await().atMost(10, TimeUnit.SECONDS).until(() -> rcode("search.marathon.mesos.") == Rcode.NXDOMAIN);

        Files.write(state, ServeCommand.demoState());
        await().atMost(10, TimeUnit.SECONDS).until(() -> rcode("search.marathon.mesos.") == Rcode.NOERROR);
    }

    @Test
    void aBrokenStateFileKeepsTheLastGoodRecords() throws Exception {
        Path state = Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        running = command.serve(fileConfig(state).build(), null);

        Files.writeString(state, "{ broken");
        await().atMost(10, TimeUnit.SECONDS).until(() -> running.watcherFailing());

        assertThat(rcode("search.marathon.mesos.")).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void aStateFileOverStateMaxBytesIsNotReadAndKeepsTheLastGoodRecords() throws Exception {
        byte[] demo = ServeCommand.demoState();
        Path state = Files.write(dir.resolve("state.json"), demo);
        running = command.serve(fileConfig(state).stateMaxBytes(demo.length + 1024).build(), null);

        // Valid JSON (white space after the document): only its size keeps it out.
        Files.writeString(state, new String(demo, java.nio.charset.StandardCharsets.UTF_8) + " ".repeat(4096));
        await().atMost(10, TimeUnit.SECONDS).until(() -> running.watcherFailing());

        assertThat(rcode("search.marathon.mesos.")).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void servfailBeforeReadyListensAtOnce() throws Exception {
        Path state = dir.resolve("not-yet.json");
        running = command.serve(fileConfig(state).servfailBeforeReady(true).build(), null);

        assertThat(running.server().udpPort()).isPositive();
        assertThat(rcode("search.marathon.mesos.")).isEqualTo(Rcode.SERVFAIL);

        Files.write(state, ServeCommand.demoState());
        await().atMost(10, TimeUnit.SECONDS).until(() -> rcode("search.marathon.mesos.") == Rcode.NOERROR);
    }

    private static Config demoConfig() {
        return ServeCommand.demoConfig().toBuilder().port(0).httpPort(0).build();
    }

    private static Config.Builder fileConfig(Path state) {
        return Config.builder().listener("127.0.0.1").port(0).httpListener("127.0.0.1").httpPort(0)
                .stateFile(state.toString()).externalOn(false);
    }

    private Path writeConfig(int port, String stateFile, String extra) throws IOException {
        return Files.writeString(dir.resolve("config.json"), "{\"listener\": \"127.0.0.1\", \"port\": " + port
                + ", \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0"
                + ", \"stateFile\": \"" + stateFile + "\", \"externalon\": false" + extra + "}");
    }

    private int rcode(String name) throws IOException {
        return DnsClient.udp(udp(), DnsClient.query(name, Type.A)).getRcode();
    }

    private InetSocketAddress udp() {
        return running.server().udpAddress();
    }

    private InetSocketAddress tcp() {
        return running.server().tcpAddress();
    }

    private static Cli cli(String... args) {
        try {
            return Cli.parse(args);
        } catch (Cli.UsageException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finishes", List.of(command)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String which(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(d, program);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
