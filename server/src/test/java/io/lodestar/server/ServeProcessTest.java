package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.server.dns.DnsClient;
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

/** {@code lodestar -config FILE} as a real process: it serves until SIGTERM, then stops the server and exits. */
class ServeProcessTest {
    private static final Pattern SERVING = Pattern.compile("serving DNS for mesos\\. on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"listener\": \"127.0.0.1\", \"port\": 0, \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0,"
                        + " \"stateFile\": \"state.json\", \"externalon\": false}");
        Path output = dir.resolve("output.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Matcher serving = await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> SERVING.matcher(read(output)), Matcher::find);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(serving.group(1)));
            assertThat(DnsClient.udp(server, DnsClient.query("search.marathon.mesos.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("a clean stop on SIGTERM exits 0").isZero();
        assertThat(read(output)).as("the shutdown hook stopped the server").contains("lodestar: stopped");
    }

    @Test
    void jsonLogFormatWritesOneJsonObjectPerLineOnStderr(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("state.json"), ServeCommand.demoState());
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"listener\": \"127.0.0.1\", \"port\": 0, \"HTTPListener\": \"127.0.0.1\", \"httpport\": 0,"
                        + " \"stateFile\": \"state.json\", \"externalon\": false}");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-logformat=json",
                "-config", config.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> SERVING.matcher(read(stdout)).find());
            p.destroy();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<String> lines = read(stderr).lines().filter(l -> !l.isBlank())
                .filter(l -> !l.startsWith("OpenJDK 64-Bit Server VM warning")).toList();
        assertThat(lines).isNotEmpty();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line)); // throws, failing the test, on a line that is not JSON
        }
        assertThat(events).allSatisfy(e -> assertThat(e.path("level").asText()).isNotEmpty());
        assertThat(events).anySatisfy(e -> assertThat(e.path("formattedMessage").asText())
                .startsWith("dns: listening on 127.0.0.1 port"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
