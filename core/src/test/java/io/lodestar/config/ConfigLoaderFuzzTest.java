package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.testing.FuzzBounds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * config.json is operator input, but a typo must never crash the loader: whatever bytes the file holds, loading
 * gives a {@link Config} or one {@link ConfigException}, never another exception, no hang, bounded allocation;
 * and a secret ({@code mesosCredentials.secret}, {@code httpApiToken}) never shows in the error, a warning or
 * {@link Config#toString()}. The machine is a temp directory with its own resolv.conf. Seeds: the sample and demo
 * configs, one with every Mesos-DNS key and one with the hardening keys; findings are kept next to them.
 */
class ConfigLoaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = tempDir();
    private static final Environment MACHINE = new Environment(DIR.resolve("resolv.conf"),
            () -> List.of(InetAddress.getLoopbackAddress()));
    private static final long FIXED_BYTES = 256 * 1024;
    private static final long BYTES_PER_INPUT_BYTE = 512;
    /** Shorter secrets may occur in the text by chance (a key name, a default). */
    private static final int CHECKED_SECRET_LENGTH = 8;

    @FuzzTest
    void configFile(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FuzzBounds.check(input.length + " bytes of config", FIXED_BYTES + BYTES_PER_INPUT_BYTE * input.length,
                () -> load(text));
    }

    private static void load(String text) {
        List<String> shown = new ArrayList<>();
        try {
            Config config = ConfigLoader.parse(text, DIR.resolve("config.json"), MACHINE, shown::add);
            shown.add(config.toString());
            shown.add(config.mesosCredentials().masked().toString());
        } catch (ConfigException e) {
            shown.add(e.getMessage());
            assertThat(e.key()).as("the key named by the error").isNotNull();
        }
        for (String secret : secrets(text)) {
            if (secret.length() >= CHECKED_SECRET_LENGTH && text.indexOf(secret) == text.lastIndexOf(secret)) {
                assertThat(shown).as("messages shown for a config holding a secret")
                        .noneSatisfy(line -> assertThat(line).contains(secret));
            }
        }
    }

    /** The secrets ({@code mesosCredentials.secret}, {@code httpApiToken}) as Jackson reads them, when it can. */
    private static List<String> secrets(String text) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                return out;
            }
            for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
                JsonNode secret = field.getKey().equalsIgnoreCase("mesosCredentials")
                        ? field.getValue().path("secret")
                        : field.getKey().equalsIgnoreCase("httpApiToken") ? field.getValue() : null;
                if (secret != null && secret.isTextual()) {
                    out.add(secret.asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON Jackson can read: no secret to look for.
        }
        return out;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("lodestar-config-fuzz");
            dir.toFile().deleteOnExit();
            Path resolvConf = Files.writeString(dir.resolve("resolv.conf"),
                    "nameserver 127.0.0.53\nnameserver 10.0.0.2\n");
            resolvConf.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
