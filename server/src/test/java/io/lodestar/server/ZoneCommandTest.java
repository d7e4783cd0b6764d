package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.testing.ZoneAssert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lodestar zone} and the exit codes of the command line, run through {@link Main#run}. */
class ZoneCommandTest {
    /** The repository's docs/examples, seen from the server module's working directory. */
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    private record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheDemoZoneSortedWithSoaFirst() {
        Run r = run("zone", "-config", EXAMPLES.resolve("demo.json").toString());

        assertThat(r.code()).isZero();
        List<String> lines = List.of(r.out().split("\n"));
        assertThat(lines.get(0)).isEqualTo("mesos.\t60\tIN\tSOA\tns1.mesos. root.ns1.mesos. 1 60 600 86400 60");
        assertThat(lines.subList(1, lines.size())).isSorted();
        assertThat(lines).contains(
                "search.marathon.mesos.\t60\tIN\tA\t127.0.0.11",
                "search.marathon.mesos.\t60\tIN\tA\t127.0.0.12",
                "search.marathon.mesos.\t60\tIN\tA\t127.0.0.13",
                "web.marathon.mesos.\t60\tIN\tAAAA\tfd00:5e9c::6",
                "leader.mesos.\t60\tIN\tA\t127.0.0.1",
                "ns1.mesos.\t60\tIN\tA\t127.0.0.1",
                "mesos.\t60\tIN\tNS\tns1.mesos.");
        assertThat(lines).allMatch(l -> l.split("\t").length == 5, "owner, TTL, class, type, rdata on each line");
        // The staging task of the demo has no records.
        assertThat(r.out()).doesNotContain("queue.");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void stateFlagOverridesTheConfigsStateFile(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("s.json");
        Files.writeString(state, "{\"leader\":\"master@10.9.9.9:5050\",\"frameworks\":[]}");
        Run r = run("zone", "-config", EXAMPLES.resolve("demo.json").toString(), "-state", state.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("leader.mesos.\t60\tIN\tA\t10.9.9.9").doesNotContain("search.marathon");
    }

    /** A config serving beyond.json (from the core test-jar) with the DC/OS zones and reverse lookups on. */
    private static Path beyondConfig(Path dir, boolean features) throws Exception {
        Path state = dir.resolve("beyond.json");
        Files.writeString(state, ZoneAssert.resource("/states/beyond.json"));
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"masters\": [\"10.0.0.11:5050\", \"10.0.0.12:5050\"], \"listener\": \"10.0.0.53\","
                + " \"stateFile\": \"beyond.json\", \"dcosZones\": " + features + ", \"reverseLookups\": " + features + "}");
        return config;
    }

    @Test
    void zoneFlagPrintsTheDcosZoneOrTheReverseZones(@TempDir Path dir) throws Exception {
        Path config = beyondConfig(dir, true);

        Run dcos = run("zone", "-config", config.toString(), "-zone", "thisdcos.directory");
        Run arpa = run("zone", "-config", config.toString(), "-zone=in-addr.arpa.");
        Run mesos = run("zone", "-config", config.toString());

        assertThat(dcos.code()).isZero();
        assertThat(dcos.out()).startsWith("thisdcos.directory.\t60\tIN\tSOA\tns1.mesos. root.ns1.mesos. 1 ")
                .contains("web.marathon.autoip.dcos.thisdcos.directory.\t60\tIN\tA\t10.0.1.1\n")
                .contains("leader.mesos.thisdcos.directory.\t60\tIN\tA\t10.0.0.11\n")
                .doesNotContain("\nleader.mesos.\t");
        assertThat(arpa.code()).isZero();
        assertThat(arpa.out()).startsWith("1.0.0.9.in-addr.arpa.\t60\tIN\tSOA\t")
                .contains("11.0.0.10.in-addr.arpa.\t60\tIN\tPTR\tleader.mesos.\n")
                .doesNotContain("ip6.arpa");
        assertThat(mesos.out()).startsWith("mesos.\t60\tIN\tSOA\t").doesNotContain("thisdcos").doesNotContain("arpa");
    }

    @Test
    void zoneFlagForAZoneThatIsNotServedExitsTwo(@TempDir Path dir) throws Exception {
        Run r = run("zone", "-config", beyondConfig(dir, false).toString(), "-zone", "thisdcos.directory");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lodestar zone: no zone at or below thisdcos.directory is served (zones: mesos.)\n");
    }

    @Test
    void aBadConfigExitsTwoWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"masters\": [\"10.0.0.1:5050\"], \"IPSources\": [\"netinfo\", \"rkt\"]}");
        Run r = run("zone", "-config", config.toString(), "-state", "whatever.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("IPSources").contains("rkt");
    }

    @Test
    void aMissingConfigFileExitsTwo(@TempDir Path dir) {
        Run r = run("zone", "-config", dir.resolve("nope.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("missing configuration file").contains("nope.json");
    }

    @Test
    void aStateThatIsNotJsonExitsOneAndSaysWhy(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("s.json");
        Files.writeString(state, "<html>502 Bad Gateway</html>");
        Run r = run("zone", "-state", state.toString(), "-config", EXAMPLES.resolve("demo.json").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("s.json").contains("not valid JSON");
    }

    @Test
    void skippedEntriesAreSummarisedOnStderrNotInTheZone(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("s.json");
        Files.writeString(state, "{\"leader\":\"master@10.9.9.9:5050\",\"frameworks\":[{\"name\":\"m\",\"tasks\":[{\"name\":\"x\"}]}]}");
        Run r = run("zone", "-state", state.toString(), "-config", EXAMPLES.resolve("demo.json").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("skipped");
        assertThat(r.err()).isEqualTo("; skipped 1 entries: task: missing id=1\n");
    }

    @Test
    void unknownFlagPrintsUsageAndExitsTwo() {
        Run r = run("-bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("flag provided but not defined: -bogus\nUsage: lodestar");
    }

    @Test
    void versionPrintsOneLineAndExitsZero() {
        Run r = run("-version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("[0-9A-Za-z.\\-]+\n");
    }
}
