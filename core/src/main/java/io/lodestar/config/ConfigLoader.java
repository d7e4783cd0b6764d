package io.lodestar.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads config.json the way Mesos-DNS does (spec section 2) with Lodestar's stricter checks: each key is read and
 * checked on its own ({@link ConfigKeys}), then the cross-key rules run in upstream order ({@link ConfigRules}).
 * Any problem is one {@link ConfigException}; things worth knowing but not fatal go to {@code warnings}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Reads {@code file} (its first {@code ~/} replaced by {@code $HOME}, then made absolute) and validates it
     * against this machine.
     *
     * @param warnings receives one line per non-fatal problem, e.g. {@code unknown config key "ns" ignored}
     */
    public static Config load(Path file, Consumer<String> warnings) throws ConfigException {
        return load(file, System.getenv(), Environment.system(), warnings);
    }

    /** {@link #load(Path, Consumer)} with the process environment variables and the machine given. */
    static Config load(Path file, Map<String, String> variables, Environment env, Consumer<String> warnings)
            throws ConfigException {
        Path absolute = absolute(file.toString(), variables);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (NoSuchFileException e) {
            throw new ConfigException(ConfigException.FILE_KEY, "missing configuration file: "
                    + JsonKind.quote(absolute.toString()));
        } catch (IOException e) {
            throw new ConfigException(ConfigException.FILE_KEY, "cannot read configuration file "
                    + JsonKind.quote(absolute.toString()) + ": " + FileProblems.reason(e));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), absolute, env, warnings);
    }

    /**
     * Parses and validates config.json text.
     *
     * @param json     the file's content
     * @param file     where it was read from: becomes {@link Config#file()}, and a relative {@code stateFile} is
     *                 resolved against its directory
     * @param env      the machine to validate against ({@link Environment#system()} outside tests)
     * @param warnings receives one line per non-fatal problem
     */
    public static Config parse(String json, Path file, Environment env, Consumer<String> warnings)
            throws ConfigException {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(warnings, "warnings");
        Path absolute = file.toAbsolutePath().normalize();
        Map<String, JsonNode> values = ConfigJson.read(json, warnings);
        Config.Builder builder = Config.builder().file(absolute.toString());
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            JsonNode value = values.get(key.name());
            if (value != null) {
                key.apply(builder, value, warnings);
            }
        }
        ConfigRules.apply(builder, absolute, env, warnings);
        return builder.build();
    }

    /**
     * The config path as Mesos-DNS makes it: the first {@code ~/} replaced by the home directory ({@code HOME},
     * overridden by {@code USERPROFILE}; {@code .} when neither is set), then absolute and normalised.
     */
    static Path absolute(String path, Map<String, String> variables) {
        String home = ".";
        for (String name : List.of("HOME", "USERPROFILE")) {
            String dir = variables.get(name);
            if (dir != null && !dir.isEmpty()) {
                home = dir;
            }
        }
        int tilde = path.indexOf("~/");
        String expanded = tilde < 0 ? path : path.substring(0, tilde) + home + "/" + path.substring(tilde + 2);
        return Path.of(expanded).toAbsolutePath().normalize();
    }
}
