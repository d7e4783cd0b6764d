package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses config text in a temp directory, against a machine without resolv.conf or interfaces. */
final class TestConfigs {
    /** The smallest valid config: one master. */
    static final String MINIMAL = "{\"masters\":[\"10.0.0.1:5050\"]}";

    private TestConfigs() {
    }

    /** A machine whose resolv.conf does not exist, so an unexpected fallback fails loudly. */
    static Environment noResolvConf(Path dir) {
        return new Environment(dir.resolve("absent-resolv.conf"), List::of);
    }

    /** {@code {"masters":["10.0.0.1:5050"], <more>}}. */
    static String withMaster(String more) {
        return "{\"masters\":[\"10.0.0.1:5050\"]," + more + "}";
    }

    static Config parse(Path dir, String json) throws ConfigException {
        return parse(dir, json, new ArrayList<>());
    }

    static Config parse(Path dir, String json, List<String> warnings) throws ConfigException {
        return ConfigLoader.parse(json, dir.resolve("config.json"), noResolvConf(dir), warnings::add);
    }

    /** Asserts that parsing fails and returns the exception. */
    static ConfigException failure(Path dir, String json) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> parse(dir, json)).isInstanceOf(ConfigException.class)
                .satisfies(t -> thrown[0] = t);
        return (ConfigException) thrown[0];
    }
}
