package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.lodestar.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HAProxy 2.x finds its backends through Lodestar's SRV records ({@code resolvers} + {@code server-template}), the
 * recipe of docs/haproxy.md: requests reach every running task, and a task that stops running drops out of the
 * rotation once the state changes. Runs Debian's real {@code haproxy} (CI installs it).
 */
class HaproxySrvDiscoveryTest {
    @TempDir
    Path dir;
    private final List<HttpServer> backends = new ArrayList<>();
    private Process haproxy;
    private ServeCommand.Running lodestar;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
        if (lodestar != null) {
            lodestar.close();
        }
        backends.forEach(b -> b.stop(0));
    }

    @Test
    void haproxyBalancesOverTheTasksOfAnSrvNameAndFollowsTheirChanges() throws Exception {
        String haproxyBin = which("haproxy");
        assumeTrue(haproxyBin != null, "haproxy is not installed (apt-get install haproxy): skipping the HAProxy SRV test");
        int port1 = backend("backend-1");
        int port2 = backend("backend-2");
        Path stateFile = dir.resolve("state.json");
        Files.writeString(stateFile, state(List.of(task(1, port1), task(2, port2))));
        Config config = Config.builder().stateFile(stateFile.toString()).listener("127.0.0.1").port(0)
                .httpListener("127.0.0.1").httpPort(0).masters(List.of("127.0.0.1:5050")).build();
        lodestar = new ServeCommand(quiet(), quiet(), code -> { }).serve(config, null);
        int dnsPort = lodestar.server().udpPort();

        int frontend = freePort();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, String.join("\n",
                "global",
                "  log stderr format raw local0 warning",
                "defaults",
                "  mode http",
                "  timeout connect 1s",
                "  timeout client 5s",
                "  timeout server 5s",
                "resolvers lodestar",
                "  nameserver lodestar 127.0.0.1:" + dnsPort,
                "  accepted_payload_size 1232",
                "  resolve_retries 3",
                "  timeout resolve 200ms",
                "  timeout retry 200ms",
                "  hold valid 500ms",
                "  hold obsolete 500ms",
                "frontend web",
                "  bind 127.0.0.1:" + frontend,
                "  default_backend web",
                "backend web",
                "  balance roundrobin",
                "  server-template web 4 _web._tcp.marathon.mesos resolvers lodestar init-addr none check inter 200ms",
                ""));
        haproxy = new ProcessBuilder(haproxyBin, "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();

        await().atMost(20, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
                assertThat(answersOf(frontend, 8)).as("haproxy.log:\n%s", log()).containsExactlyInAnyOrder("backend-1", "backend-2"));

        // Task 2 stops running: the state file changes, Lodestar reloads it, its SRV answer shrinks, HAProxy follows.
        Files.writeString(stateFile, state(List.of(task(1, port1))));
        await().atMost(20, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
                assertThat(answersOf(frontend, 8)).containsExactly("backend-1"));
    }

    /** The distinct bodies of {@code n} requests through the frontend (failed requests count as "error"). */
    private Set<String> answersOf(int frontend, int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                seen.add(r.statusCode() == 200 ? r.body() : "status " + r.statusCode());
            } catch (IOException e) {
                seen.add("error");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                seen.add("interrupted");
            }
        }
        return seen;
    }

    private int backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return server.getAddress().getPort();
    }

    private static String task(int n, int port) {
        return "{\"id\": \"web.000" + n + "\", \"name\": \"web\", \"slave_id\": \"agent-S" + n + "\", \"state\": \"TASK_RUNNING\","
                + " \"resources\": {\"ports\": \"[" + port + "-" + port + "]\"}}";
    }

    private static String state(List<String> tasks) {
        return "{\"leader\": \"master@127.0.0.1:5050\","
                + " \"slaves\": [{\"id\": \"agent-S1\", \"pid\": \"slave(1)@127.0.0.1:5051\"},"
                + "              {\"id\": \"agent-S2\", \"pid\": \"slave(1)@127.0.0.1:5051\"}],"
                + " \"frameworks\": [{\"name\": \"marathon\", \"pid\": \"scheduler@127.0.0.1:8080\", \"tasks\": ["
                + String.join(",", tasks) + "]}]}";
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static String which(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(d, binary);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
