package io.lodestar.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lodestar.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real {@code dig} (Debian dnsutils, installed by {@code .ci/run}) against the running server: what an
 * operator sees. Skipped, saying so, where {@code dig} is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigTest {
    private DnsServer server;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(digPath() != null, "dig is not installed (apt-get install dnsutils): skipping the dig tests");
        BlockHoundSupport.install();
        Config config = TestZone.config();
        server = new DnsServer(config, TestZone.processor(config), 2, true);
        server.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void digGetsAnARecord() throws Exception {
        String out = dig(TestZone.WEB, "A");

        assertThat(out).contains("status: NOERROR").contains("flags: qr aa");
        assertThat(out).containsPattern("web\\.marathon\\.mesos\\.\\s+60\\s+IN\\s+A\\s+10\\.0\\.0\\.1");
    }

    @Test
    void digGetsSrvWithAdditionalOverTcp() throws Exception {
        String out = dig(TestZone.SRV, "SRV", "+tcp");

        assertThat(out).contains("status: NOERROR").contains("ANSWER: 2").contains("ADDITIONAL: 3"); // two A records and the OPT
        assertThat(out).containsPattern("_web\\._tcp\\.marathon\\.mesos\\.\\s+60\\s+IN\\s+SRV\\s+0 1 31000 web-a1-s1\\.marathon\\.slave\\.mesos\\.");
        assertThat(out).containsPattern("web-b2-s2\\.marathon\\.slave\\.mesos\\.\\s+60\\s+IN\\s+A\\s+10\\.0\\.1\\.2");
    }

    @Test
    void digSeesNxdomain() throws Exception {
        String out = dig("missing.mesos.", "A");

        assertThat(out).contains("status: NXDOMAIN").containsPattern("mesos\\.\\s+\\d+\\s+IN\\s+SOA");
    }

    @Test
    void digFallsBackToTcpOnATruncatedAnswer() throws Exception {
        String out = dig(TestZone.BIG, "A", "+noedns");

        assertThat(out).contains("Truncated, retrying in TCP mode").contains("ANSWER: " + TestZone.BIG_COUNT);
    }

    private String dig(String name, String type, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(digPath(), "@127.0.0.1", "-p", String.valueOf(server.udpPort()),
                "+time=3", "+tries=1", name, type));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("dig finishes").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("dig exit status; output:%n%s", out).isZero();
        return out;
    }

    private static String digPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File dig = new File(dir, "dig");
            if (dig.canExecute()) {
                return dig.getPath();
            }
        }
        return null;
    }
}
