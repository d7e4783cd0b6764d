package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration error is always one line, prefixed by its key. */
class ConfigExceptionTest {

    @Test
    void theMessageStartsWithTheKey() {
        ConfigException e = new ConfigException("ttl", "-1 is not allowed");
        assertThat(e.key()).isEqualTo("ttl");
        assertThat(e).hasMessage("ttl: -1 is not allowed");
    }

    @Test
    void controlCharactersAreEscapedToKeepOneLine() {
        assertThat(new ConfigException("masters", "illegal host:port specified: a\nb\r\tc\u0000"))
                .hasMessage("masters: illegal host:port specified: a\\nb\\r\\tc\\u0000");
    }

    @Test
    void aMasterWithANewlineIsReportedOnOneLine(@TempDir Path dir) {
        assertThat(TestConfigs.failure(dir, "{\"masters\":[\"10.0.0.1\\n5050\"]}").getMessage())
                .doesNotContain("\n")
                .startsWith("masters: illegal host:port specified: 10.0.0.1\\n5050. Error: address 10.0.0.1\\n5050:");
    }
}
