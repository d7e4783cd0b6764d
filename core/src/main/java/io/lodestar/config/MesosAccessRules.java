package io.lodestar.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The TLS files and the authentication used to fetch state from Mesos (spec 2.2 and 4.4, step 7 of 2.3): files
 * must be readable and hold the right PEM block; {@code mesosAuthentication} must have what it needs. No message
 * shows a secret or the content of a file.
 */
final class MesosAccessRules {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(?s:.*?)-----END CERTIFICATE-----");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----(?s:.*?)-----END \\1-----");
    private static final String EXPECTED_IAM = "expected a JSON object with non-empty uid, private_key and"
            + " login_endpoint";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MesosAccessRules() {
    }

    static void apply(Config.Builder b, Consumer<String> warnings) throws ConfigException {
        requireCaCertificate(b.caCertFile);
        requireClientPair(b.certFile, b.keyFile);
        requireAuthentication(b, warnings);
    }

    private static void requireCaCertificate(String file) throws ConfigException {
        if (file.isEmpty()) {
            return;
        }
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            throw new ConfigException("caCertFile", "CACertFile open failed: " + file + ": " + FileProblems.reason(e)
                    + " (expected a readable PEM file)");
        }
        if (!CERTIFICATE.matcher(text).find()) {
            throw new ConfigException("caCertFile", "CACertFile parsing failed: " + file + " holds no PEM certificate"
                    + " (expected a -----BEGIN CERTIFICATE----- block)");
        }
    }

    private static void requireClientPair(String certFile, String keyFile) throws ConfigException {
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            return;
        }
        if (keyFile.isEmpty()) {
            throw new ConfigException("keyFile", "Missing private key (expected keyFile when certFile is set)");
        }
        if (certFile.isEmpty()) {
            throw new ConfigException("certFile", "Missing certificate (expected certFile when keyFile is set)");
        }
        requirePem("certFile", certFile, CERTIFICATE, "certificate", "-----BEGIN CERTIFICATE-----");
        requirePem("keyFile", keyFile, PRIVATE_KEY, "private key", "-----BEGIN ... PRIVATE KEY-----");
    }

    private static void requirePem(String key, String file, Pattern block, String what, String begin)
            throws ConfigException {
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + FileProblems.reason(e)
                    + " (expected a readable PEM file)");
        }
        if (!block.matcher(text).find()) {
            throw new ConfigException(key, file + " holds no PEM " + what + " (expected a " + begin + " block)");
        }
    }

    private static void requireAuthentication(Config.Builder b, Consumer<String> warnings) throws ConfigException {
        switch (b.mesosAuthentication) {
            case "" -> {
                if (!b.mesosCredentials.isEmpty()) {
                    warnings.accept("mesosCredentials is set but mesosAuthentication is \"\" (none):"
                            + " the credentials are not used");
                }
                if (!b.iamConfigFile.isEmpty()) {
                    warnings.accept("IAMConfigFile is set but mesosAuthentication is \"\" (none): the file is not used");
                }
            }
            case "basic" -> {
                if (b.mesosCredentials.isEmpty()) {
                    throw new ConfigException("mesosCredentials", "invalid HTTP Basic configuration (expected"
                            + " mesosCredentials with a principal and a secret when mesosAuthentication is \"basic\")");
                }
            }
            case "iam" -> requireIamFile(b.iamConfigFile);
            default -> throw new ConfigException("mesosAuthentication", "unregistered factory requested: "
                    + JsonKind.quote(b.mesosAuthentication) + " (expected one of \"\", \"basic\", \"iam\")");
        }
    }

    /** The IAM file: readable JSON with non-empty uid, private_key and an http(s) login_endpoint. */
    private static void requireIamFile(String file) throws ConfigException {
        String key = "IAMConfigFile";
        if (file.isEmpty()) {
            throw new ConfigException(key, "missing configuration for specified authentication mechanism"
                    + " (expected the path of an IAM JSON file when mesosAuthentication is \"iam\")");
        }
        JsonNode iam;
        try {
            iam = MAPPER.readTree(Files.readAllBytes(path(file)));
        } catch (JsonProcessingException e) {
            // Jackson may quote a token of the file, which holds a private key: only the place is shown.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ConfigException(key, "invalid IAM JSON: " + file + " is not valid JSON" + at
                    + " (" + EXPECTED_IAM + ")");
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + FileProblems.reason(e)
                    + " (expected a readable IAM JSON file)");
        }
        if (iam == null || !iam.isObject()) {
            throw new ConfigException(key, "invalid IAM JSON: " + file + " is not a JSON object (" + EXPECTED_IAM + ")");
        }
        for (String field : new String[] {"uid", "private_key", "login_endpoint"}) {
            if (text(iam, field).isEmpty()) {
                throw new ConfigException(key, "invalid HTTP IAM configuration: " + field + " is missing or empty in "
                        + file + " (" + EXPECTED_IAM + ")");
            }
        }
        String endpoint = text(iam, "login_endpoint");
        if (!isHttpUrl(endpoint)) {
            throw new ConfigException(key, "invalid HTTP IAM configuration: login_endpoint " + JsonKind.quote(endpoint)
                    + " in " + file + " is not a URL (expected an absolute http or https URL)");
        }
    }

    /** A string field matched case-insensitively (last one wins, as Go's decoder does); "" when absent. */
    private static String text(JsonNode object, String name) {
        String value = "";
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                value = field.getValue().textValue();
            }
        }
        return value;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String read(String file) throws IOException {
        // PEM is ASCII; ISO-8859-1 reads any byte without failing.
        return Files.readString(path(file), StandardCharsets.ISO_8859_1);
    }

    private static Path path(String file) throws IOException {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IOException("invalid path: " + e.getReason());
        }
    }
}
