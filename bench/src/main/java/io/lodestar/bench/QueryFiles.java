package io.lodestar.bench;

import io.lodestar.config.Config;
import io.lodestar.config.ConfigException;
import io.lodestar.config.ConfigLoader;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes dnsperf query files ({@code name type} per line) for a state: {@code a.txt}, {@code srv.txt},
 * {@code nxdomain.txt}, {@code aaaa.txt}, {@code nodata.txt} and {@code mixed.txt} (see {@link QueryMix}). The
 * records are built with the given Lodestar config file, the one the server under test loads, so every hit is a
 * name the server really has.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.lodestar.bench.QueryFiles --state state.json --config lodestar.json --out DIR</pre>
 */
public final class QueryFiles {

    private QueryFiles() {
    }

    public static void main(String[] args) throws IOException, ConfigException {
        Path state = null;
        Path configFile = null;
        Path dir = null;
        int max = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--config" -> configFile = Path.of(args[++i]);
                case "--out" -> dir = Path.of(args[++i]);
                case "--max" -> max = Integer.parseInt(args[++i]);
                default -> usage();
            }
        }
        if (state == null || dir == null) {
            usage();
        }
        Config config = configFile == null ? Workload.config()
                : ConfigLoader.load(configFile, w -> System.err.println("config: " + w));
        RecordSet records = Workload.records(Files.readAllBytes(state), config);
        QueryMix mix = new QueryMix(records, 7);
        Files.createDirectories(dir);
        write(dir.resolve("a.txt"), mix.a(max));
        write(dir.resolve("srv.txt"), mix.srv(max));
        write(dir.resolve("nxdomain.txt"), mix.nxdomain(max));
        write(dir.resolve("aaaa.txt"), mix.aaaa(max));
        write(dir.resolve("nodata.txt"), mix.nodata(max));
        write(dir.resolve("mixed.txt"), mix.mixed(max, 11));
        System.err.printf("queries: %s (A %d, AAAA %d, SRV %d names) -> %s%n", records, mix.a(Integer.MAX_VALUE).size(),
                mix.aaaa(Integer.MAX_VALUE).size(), mix.srv(Integer.MAX_VALUE).size(), dir);
    }

    private static void usage() {
        System.err.println("usage: QueryFiles --state FILE [--config FILE] --out DIR [--max N]");
        System.exit(2);
    }

    private static void write(Path file, List<QueryMix.Q> queries) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (QueryMix.Q q : queries) {
                w.write(q.name());
                w.write(' ');
                w.write(q.type());
                w.write('\n');
            }
        }
    }
}
