package io.lodestar.server;

import java.io.PrintStream;

/**
 * The {@code lodestar} process: parses the command line (Mesos-DNS flags, Go style) and runs a command.
 * Exit codes: 0 done, 1 a runtime failure, 2 a usage or configuration error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /**
     * Runs one command line. Returns the exit code, or -1 when the command keeps running (a server was started
     * and the process must stay up until it is stopped).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Cli cli;
        try {
            cli = Cli.parse(args);
        } catch (Cli.UsageException e) {
            err.println(e.getMessage());
            err.print(Cli.usage());
            return 2;
        }
        if (cli.help()) {
            out.print(Cli.usage());
            return 0;
        }
        if (cli.version()) {
            out.println(Version.current());
            return 0;
        }
        Logging.configure(cli.verbosity(), cli.logFormat());
        return switch (cli.command()) {
            case "zone" -> new ZoneCommand(out, err).run(cli);
            default -> new ServeCommand(out, err, System::exit).run(cli);
        };
    }
}
