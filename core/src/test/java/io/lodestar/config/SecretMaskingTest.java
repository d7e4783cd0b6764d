package io.lodestar.config;

import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mesos secret never shows: not in a message, a warning or {@link Config#toString()}. */
class SecretMaskingTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @TempDir
    Path dir;

    @Test
    void toStringMasksTheSecret() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        Config config = parse(dir, withMaster("\"mesosCredentials\":{\"principal\":\"dns\",\"secret\":\"" + SECRET
                + "\"}"), warnings);
        assertThat(config.mesosCredentials().secret()).isEqualTo(SECRET);
        assertThat(config.toString()).contains("principal=dns").contains("secret=******").doesNotContain(SECRET);
        assertThat(warnings).noneMatch(w -> w.contains(SECRET));
    }

    @Test
    void aSecretOfTheWrongTypeIsNotShown() {
        assertThat(failure(dir, withMaster("\"mesosCredentials\":{\"secret\":[\"" + SECRET + "\"]}")))
                .hasMessage("mesosCredentials: wrong type: secret is a list (expected a string)");
    }

    @Test
    void credentialsOfTheWrongTypeAreNotShown() {
        assertThat(failure(dir, withMaster("\"mesosCredentials\":[\"dns\",\"" + SECRET + "\"]")))
                .hasMessage("mesosCredentials: wrong type: got a list (expected an object with principal and secret)");
    }

    @Test
    void aSyntaxErrorInsideTheCredentialsDoesNotQuoteTheSecret() {
        String json = "{\"masters\":[\"10.0.0.1:5050\"],\n\"mesosCredentials\": {\"principal\": \"dns\", \"secret\": "
                + SECRET + "}}";
        assertThat(failure(dir, json)).hasMessage("config: not valid JSON at line 2, column 58 in the value of"
                + " mesosCredentials (details hidden: it holds a secret)");
    }

    @Test
    void aSyntaxErrorElsewhereQuotesJacksonsDetail() {
        assertThat(failure(dir, "{\"masters\": [\"10.0.0.1:5050\"], \"ttl\": sixty}"))
                .hasMessage("config: not valid JSON at line 1, column 44: Unrecognized token 'sixty': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
}
