package io.lodestar.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the top-level JSON object of config.json, key by key: names are matched case-insensitively, the last of
 * two same keys wins, unknown keys are warned about. Syntax errors carry Jackson's line and column.
 */
final class ConfigJson {
    private static final String FILE = ConfigException.FILE_KEY;
    private static final String EXPECTED_OBJECT = "expected a JSON object {\"key\": value, ...}";
    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Keep numbers as written (1.50, 1E+2) for messages.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ConfigJson() {
    }

    /** The value of each known key present, by canonical name. */
    static Map<String, JsonNode> read(String json, Consumer<String> warnings) throws ConfigException {
        Map<String, JsonNode> values = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        String field = null;
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(FILE, "the file is empty (" + EXPECTED_OBJECT + ")");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(FILE, "not a JSON object at " + where(parser.currentTokenLocation())
                        + ": found " + JsonKind.describe(MAPPER.readTree(parser)) + " (" + EXPECTED_OBJECT + ")");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                field = parser.currentName();
                parser.nextToken();
                JsonNode value = MAPPER.readTree(parser);
                ConfigKey<?> key = ConfigKeys.find(field);
                if (key != null) {
                    values.put(key.name(), value);
                } else if (unknown.add(field)) {
                    warnings.accept("unknown config key " + JsonKind.quote(field) + " ignored");
                }
                field = null;
            }
            if (parser.nextToken() != null) {
                throw new ConfigException(FILE, "not valid JSON at " + where(parser.currentTokenLocation())
                        + ": more content after the top-level object (" + EXPECTED_OBJECT + ")");
            }
        } catch (JsonProcessingException e) {
            // Jackson reads a value as it returns its field name, so an unreadable value fails before field is set.
            String name = field;
            if (name == null && e.getProcessor() instanceof JsonParser p) {
                name = currentName(p);
            }
            throw syntaxError(e, name);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return values;
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keys whose values a syntax error must not quote. */
    private static final java.util.List<String> SECRET_KEYS = java.util.List.of("mesosCredentials", "httpApiToken");

    private static ConfigException syntaxError(JsonProcessingException e, String field) {
        String at = e.getLocation() == null ? "" : " at " + where(e.getLocation());
        for (String secret : SECRET_KEYS) {
            if (secret.equalsIgnoreCase(field)) {
                // Jackson quotes the offending token, which may be the secret.
                return new ConfigException(FILE, "not valid JSON" + at
                        + " in the value of " + secret + " (details hidden: it holds a secret)");
            }
        }
        return new ConfigException(FILE, "not valid JSON" + at + ": " + e.getOriginalMessage());
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
