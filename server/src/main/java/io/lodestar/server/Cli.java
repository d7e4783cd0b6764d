package io.lodestar.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line, parsed the way Go's {@code flag} package (and so Mesos-DNS) parses it: {@code -name=value},
 * {@code -name value} and {@code --name=value}; booleans may stand alone or take {@code =true/false}; flags stop
 * at the first argument that is not a flag (the subcommand, such as {@code zone}), after which flags parse again.
 */
public record Cli(
        String command,
        String config,
        boolean configGiven,
        String state,
        boolean version,
        int verbosity,
        boolean demo,
        boolean help,
        String logFormat,
        String zone) {

    /** A command line without {@code -zone}. */
    public Cli(String command, String config, boolean configGiven, String state, boolean version, int verbosity,
               boolean demo, boolean help, String logFormat) {
        this(command, config, configGiven, state, version, verbosity, demo, help, logFormat, "");
    }

    /** A command line that cannot be parsed: the message goes to stderr with the usage, and the exit code is 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private enum Kind { STRING, INT, BOOL, IGNORED_STRING, IGNORED_BOOL }

    private static final Map<String, Kind> FLAGS = new TreeMap<>(Map.ofEntries(
            Map.entry("config", Kind.STRING),
            Map.entry("state", Kind.STRING),
            Map.entry("zone", Kind.STRING),
            Map.entry("version", Kind.BOOL),
            Map.entry("v", Kind.INT),
            Map.entry("demo", Kind.BOOL),
            Map.entry("logformat", Kind.STRING),
            Map.entry("help", Kind.BOOL),
            Map.entry("h", Kind.BOOL),
            // glog's flags exist in Mesos-DNS only because the library is linked in: accepted and ignored.
            Map.entry("logtostderr", Kind.IGNORED_BOOL),
            Map.entry("alsologtostderr", Kind.IGNORED_BOOL),
            Map.entry("stderrthreshold", Kind.IGNORED_STRING),
            Map.entry("log_dir", Kind.IGNORED_STRING),
            Map.entry("vmodule", Kind.IGNORED_STRING),
            Map.entry("log_backtrace_at", Kind.IGNORED_STRING)));

    /** The commands Lodestar knows; {@code serve} is the default. */
    public static final List<String> COMMANDS = List.of("serve", "zone");

    public static String usage() {
        return String.join("\n",
                "Usage: lodestar [command] [flags]",
                "",
                "Commands:",
                "  serve   serve DNS (and HTTP) for the cluster (the default)",
                "  zone    print every record the configured state would produce, as a master file, and exit",
                "",
                "Flags:",
                "  -config FILE   path of the config.json file (default \"config.json\")",
                "  -state FILE    zone: read this Mesos state JSON file instead of the config's stateFile",
                "  -zone NAME     zone: print the zones at or below NAME (thisdcos.directory, in-addr.arpa, . for all)",
                "                 instead of the Mesos domain",
                "  -demo          serve the embedded demo cluster on 127.0.0.1:8053 (DNS) and :8123 (HTTP)",
                "  -v N           verbosity: 0 info, 1 debug, 2 and up trace (default 0)",
                "  -logformat F   log lines as \"text\" (default) or \"json\" (one JSON object per line, for log shippers)",
                "  -version       print the version and exit",
                "  -help          print this help and exit",
                "");
    }

    public static Cli parse(String... args) throws UsageException {
        String command = null;
        String config = "config.json";
        boolean configGiven = false;
        String state = "";
        String zone = "";
        boolean version = false;
        int verbosity = 0;
        boolean demo = false;
        boolean help = false;
        String logFormat = "text";

        List<String> rest = new ArrayList<>(List.of(args));
        int i = 0;
        while (i < rest.size()) {
            String arg = rest.get(i++);
            if (arg.equals("--")) {
                if (i < rest.size()) {
                    throw new UsageException("unexpected argument: " + rest.get(i));
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (command != null) {
                    throw new UsageException("unexpected argument: " + arg);
                }
                if (!COMMANDS.contains(arg)) {
                    throw new UsageException("unknown command: " + arg);
                }
                command = arg;
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Kind kind = FLAGS.get(name);
            if (name.isEmpty() || kind == null) {
                throw new UsageException("flag provided but not defined: -" + name);
            }
            if (kind == Kind.BOOL || kind == Kind.IGNORED_BOOL) {
                boolean b = value == null || parseBool(name, value);
                switch (name) {
                    case "version" -> version = b;
                    case "demo" -> demo = b;
                    case "help", "h" -> help = b;
                    default -> { }
                }
                continue;
            }
            if (value == null) {
                if (i >= rest.size()) {
                    throw new UsageException("flag needs an argument: -" + name);
                }
                value = rest.get(i++);
            }
            switch (name) {
                case "config" -> {
                    config = value;
                    configGiven = true;
                }
                case "state" -> state = value;
                case "zone" -> zone = value;
                case "v" -> verbosity = parseInt(name, value);
                case "logformat" -> {
                    if (!value.equals("text") && !value.equals("json")) {
                        throw new UsageException("invalid value \"" + value + "\" for flag -logformat: text or json is expected");
                    }
                    logFormat = value;
                }
                default -> { }
            }
        }
        return new Cli(command == null ? "serve" : command, config, configGiven, state, version, verbosity, demo, help,
                logFormat, zone);
    }

    private static boolean parseBool(String name, String value) throws UsageException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new UsageException("invalid boolean value \"" + value + "\" for -" + name);
        };
    }

    private static int parseInt(String name, String value) throws UsageException {
        try {
            int v = Integer.parseInt(value);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag -" + name + ": a whole number >= 0 is expected");
        }
    }
}
