package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: headless Chromium loads {@code /}, runs its script against {@code /status} and
 * {@code /v1/enumerate}, and the DOM it dumps shows the tasks, filtered by the search in {@code ?q=}. Skipped when
 * Chromium is missing outside CI ({@code .ci/run} installs it); under CI a missing Chromium fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private HttpFixture http;
    private String browser;

    @BeforeAll
    void start() {
        browser = BROWSERS.stream().map(StatusPageTest::which).filter(b -> b != null).findFirst().orElse(null);
        if (browser == null && System.getenv("CI") != null) {
            throw new IllegalStateException("CI is set but Chromium is missing: .ci/run installs the Debian package");
        }
        assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium): skipping the page test");
        http = new HttpFixture();
        http.publish(HttpFixture.records());
        http.confirmed(HttpFixture.NOW, HttpFixture.NOW);
    }

    @AfterAll
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void thePageIsSelfContained() {
        HttpResponse<String> r = http.get("/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).doesNotContain("src=\"http", "href=\"http", "<link", "@import");
    }

    @Test
    void showsTheStatusAndEveryTask(@TempDir Path profile) throws Exception {
        String dom = dumpDom("/", profile);

        assertThat(dom).contains("<dd id=\"ready\" class=\"ready\">yes</dd>", "<dd id=\"leader\">10.0.0.10</dd>",
                "<dd id=\"serial\">1700000000</dd>", "A 5, AAAA 3, SRV 4");
        assertThat(dom).contains("<td class=\"name\">web</td>", "<td class=\"name\">v6</td>", "2 of 2 tasks");
        assertThat(dom).contains("A web.marathon.mesos. 10.0.0.1");
    }

    @Test
    void theSearchFiltersTheTasks(@TempDir Path profile) throws Exception {
        String dom = dumpDom("/?q=WEB.1", profile);

        assertThat(dom).contains("<td class=\"name\">web</td>", "1 of 2 tasks match");
        assertThat(dom).doesNotContain("<td class=\"name\">v6</td>");
        assertThat(dumpDom("/#q=fd00", profile)).as("no task lists fd00::1 in its records")
                .contains("0 of 2 tasks match").doesNotContain("<td class=\"name\">");
    }

    /** The DOM after the page's script ran ({@code --virtual-time-budget} lets its fetches finish first). */
    private String dumpDom(String path, Path profile) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(profile, "dom", ".html");
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.resolve("profile"), "--virtual-time-budget=10000", "--dump-dom",
                http.uri(path).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dom.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("chromium's exit code").isZero();
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
