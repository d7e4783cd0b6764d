package io.lodestar.server;

import io.lodestar.config.Config;
import io.lodestar.config.ConfigException;
import io.lodestar.config.ConfigLoader;
import io.lodestar.mesos.StateException;
import io.lodestar.records.RecordSet;
import io.lodestar.records.ZoneText;
import io.lodestar.records.Zones;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code lodestar zone}: reads a Mesos state document and prints every record it produces as an RFC 1035 master
 * file (sorted, deterministic, SOA serial 1): the Mesos domain, or with {@code -zone NAME} every zone served at or
 * below NAME (the DC/OS zone, reverse zones). The operator's dry run, and the zone file the benchmarks load into
 * Knot. Entries the state had to skip are summarised on stderr, so stdout stays a clean zone.
 */
final class ZoneCommand {
    private final PrintStream out;
    private final PrintStream err;

    ZoneCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Cli cli) {
        Config config;
        try {
            config = loadConfig(cli);
        } catch (ConfigException e) {
            err.println("lodestar: " + e.getMessage());
            return 2;
        }
        String stateFile = cli.state().isEmpty() ? config.stateFile() : cli.state();
        if (stateFile.isEmpty()) {
            err.println("lodestar zone: no state to read: set stateFile in " + config.file() + " or pass -state FILE");
            return 2;
        }
        RecordSet records;
        try (StateRecords build = new StateRecords(config); InputStream in = Files.newInputStream(Path.of(stateFile))) {
            records = build.build(in);
        } catch (NoSuchFileException e) {
            err.println("lodestar zone: state file not found: " + stateFile);
            return 1;
        } catch (IOException e) {
            err.println("lodestar zone: cannot read state file " + stateFile + ": " + e.getMessage());
            return 1;
        } catch (StateException e) {
            err.println("lodestar zone: " + stateFile + ": " + e.getMessage());
            return 1;
        }
        String zone = cli.zone().isEmpty() ? config.domainFqdn() : cli.zone();
        List<String> lines = ZoneText.render(records, config, zone, 1);
        if (lines.isEmpty()) {
            err.println("lodestar zone: no zone at or below " + zone + " is served (zones: "
                    + String.join(", ", Zones.forward(config)) + (config.reverseLookups() ? ", reverse zones" : "")
                    + ")");
            return 2;
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        out.print(text);
        out.flush();
        if (!records.skipped().isEmpty()) {
            err.println("; skipped " + records.skipped().total() + " entries: " + records.skipped().counts().entrySet()
                    .stream().map(Map.Entry::toString).collect(Collectors.joining(", ")));
        }
        return 0;
    }

    /** The config file; without {@code -config} and without a ./config.json, defaults serve a {@code -state} dry run. */
    private Config loadConfig(Cli cli) throws ConfigException {
        Path path = Path.of(cli.config());
        if (!cli.configGiven() && !cli.state().isEmpty() && !Files.exists(path)) {
            return Config.builder().stateFile(cli.state()).listener("127.0.0.1").build();
        }
        return ConfigLoader.load(path, w -> err.println("lodestar: warning: " + w));
    }
}
