package io.lodestar.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading config.json from disk: the path Mesos-DNS would read, file errors, and paths relative to the file. */
class ConfigFileLoadingTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Config load(Path file, Map<String, String> variables) throws ConfigException {
        return ConfigLoader.load(file, variables, TestConfigs.noResolvConf(dir), warnings::add);
    }

    @Test
    void aFileIsReadAndRemembersItsAbsolutePath() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"masters\":[\"10.0.0.1:5050\"],\"ttl\":5}");
        Config config = load(file, Map.of());
        assertThat(config.ttl()).isEqualTo(5);
        assertThat(config.file()).isEqualTo(file.toString());
    }

    @Test
    void theSampleConfigLoadsWithItsUnknownKeyWarnedAbout() throws Exception {
        Path sample = Path.of(getClass().getResource("/config/sample-config.json").toURI());
        Config config = load(sample, Map.of());
        assertThat(config.zk()).isEqualTo("zk://10.0.0.11:2181,10.0.0.12:2181,10.0.0.13:2181/mesos");
        assertThat(config.masters()).containsExactly("10.0.0.11:5050", "10.0.0.12:5050", "10.0.0.13:5050");
        assertThat(config.port()).isEqualTo(8053);
        assertThat(config.ipSources()).containsExactly("netinfo", "mesos", "host");
        assertThat(warnings).containsExactly("unknown config key \"email\" ignored");
    }

    @Test
    void aMissingFileIsNamedByItsAbsolutePath() {
        Path missing = dir.resolve("sub/../missing.json");
        assertThatThrownBy(() -> load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: missing configuration file: \"" + dir.resolve("missing.json") + "\"");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> load(dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: cannot read configuration file \"" + dir + "\": Is a directory");
    }

    @Test
    void theFirstTildeSlashIsTheHomeDirectory() throws Exception {
        Files.writeString(dir.resolve("config.json"), TestConfigs.MINIMAL);
        Config config = load(Path.of("~/config.json"), Map.of("HOME", dir.toString()));
        assertThat(config.file()).isEqualTo(dir.resolve("config.json").toString());
    }

    @Test
    void userProfileOverridesHomeAndOnlyTheFirstTildeIsReplaced() {
        assertThat(ConfigLoader.absolute("/x/~/a/~/b.json", Map.of("HOME", "/home/h", "USERPROFILE", "/users/u")))
                .isEqualTo(Path.of("/x/users/u/a/~/b.json"));
    }

    @Test
    void withoutAHomeTheTildeIsTheWorkingDirectory() {
        assertThat(ConfigLoader.absolute("~/config.json", Map.of()))
                .isEqualTo(Path.of("config.json").toAbsolutePath());
    }

    @Test
    void aRelativeStateFileIsResolvedAgainstTheConfigDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"stateFile\":\"fixtures/../state.json\"}");
        assertThat(load(file, Map.of()).stateFile()).isEqualTo(dir.resolve("state.json").toString());
    }

    @Test
    void anAbsoluteStateFileIsKept() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"stateFile\":\"/var/lib/mesos/state.json\"}");
        assertThat(load(file, Map.of()).stateFile()).isEqualTo("/var/lib/mesos/state.json");
    }

    @Test
    void invalidUtf8IsReadAsReplacementCharacters() throws Exception {
        Path file = dir.resolve("config.json");
        byte[] json = "{\"masters\":[\"10.0.0.1:5050\"],\"SOAMname\":\"ns?.mesos\"}".getBytes(UTF_8);
        json[new String(json, UTF_8).indexOf('?')] = (byte) 0xff;
        Files.write(file, json);
        assertThat(load(file, Map.of()).soaMname()).isEqualTo("ns\ufffd.mesos.");
    }
}
