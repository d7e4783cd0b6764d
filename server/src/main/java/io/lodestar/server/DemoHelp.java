package io.lodestar.server;

import io.lodestar.config.Config;
import io.lodestar.records.RecordSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lodestar -demo} prints once it listens: {@code dig} and {@code curl} commands that work as printed,
 * taken from the served records.
 */
final class DemoHelp {
    private DemoHelp() {
    }

    /** The commands for DNS on {@code port} and, when {@code httpPort} is not negative, the HTTP API on it. */
    static String text(RecordSet records, Config config, int port, int httpPort) {
        String dig = "dig @" + config.listener() + " -p " + port + " ";
        StringBuilder b = new StringBuilder("Try:\n");
        String leader = "leader." + config.domainFqdn();
        if (records.a().containsKey(leader)) {
            b.append("  ").append(dig).append(leader).append(" A\n");
        }
        exampleTask(records, config).ifPresent(task -> {
            b.append("  ").append(dig).append(task).append(" A\n");
            String srv = "_" + task.replaceFirst("\\.", "._tcp.");
            if (records.srv().containsKey(srv)) {
                b.append("  ").append(dig).append(srv).append(" SRV\n");
                b.append("  ").append(dig).append("+tcp ").append(srv).append(" SRV\n");
            }
        });
        b.append("  ").append(dig).append("missing.").append(config.domainFqdn()).append(" A\n");
        if (httpPort >= 0) {
            String base = "http://" + config.httpListener() + ":" + httpPort;
            exampleTask(records, config).ifPresent(task -> {
                b.append("  curl -s ").append(base).append("/v1/hosts/").append(task).append('\n');
                String srv = "_" + task.replaceFirst("\\.", "._tcp.");
                if (records.srv().containsKey(srv)) {
                    b.append("  curl -s ").append(base).append("/v1/services/").append(srv).append('\n');
                }
            });
        }
        b.append("Stop with Ctrl-C.\n");
        return b.toString();
    }

    /**
     * A {@code <task>.<framework>.<domain>.} name to show: one with a {@code _<task>._tcp} SRV record if any, the
     * one with the most addresses (round robin shows), then the shortest.
     */
    static Optional<String> exampleTask(RecordSet records, Config config) {
        int labels = labels(config.domainFqdn()) + 2;
        Map<String, List<String>> a = records.a();
        Comparator<String> best = Comparator
                .comparing((String n) -> !records.srv().containsKey("_" + n.replaceFirst("\\.", "._tcp.")))
                .thenComparing(n -> -a.get(n).size())
                .thenComparingInt(String::length)
                .thenComparing(Comparator.naturalOrder());
        return a.keySet().stream()
                .filter(n -> labels(n) == labels)
                .filter(n -> !n.substring(n.indexOf('.') + 1).startsWith("slave."))
                .filter(n -> !n.startsWith("leader.") && !n.startsWith("master"))
                .min(best);
    }

    private static int labels(String fqdn) {
        int n = 0;
        for (int i = 0; i < fqdn.length(); i++) {
            if (fqdn.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }
}
