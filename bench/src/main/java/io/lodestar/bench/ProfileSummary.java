package io.lodestar.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sums an async-profiler CPU profile in collapsed-stack form ({@code frame;frame;... count} per line) over the
 * DNS event loops, the stacks that pass through Netty's epoll loop: where the serving CPU goes, split into the
 * kernel's UDP send and receive paths, Lodestar's own query work and the rest, then the hottest frames.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.lodestar.bench.ProfileSummary profile.collapsed [--top N]</pre>
 *
 * {@code bench/load.sh --profile} records the profile and prints this summary.
 */
public final class ProfileSummary {

    /** Stages of the serving path, by the first frame of a stack that names them (outermost first). */
    private static final List<String[]> STAGES = List.of(
            new String[] {"kernel: sendmmsg (reply to the client, loopback delivery included)", "sys_sendmmsg"},
            new String[] {"kernel: recvmmsg (read queries)", "sys_recvmmsg"},
            new String[] {"kernel: epoll_wait", "sys_epoll_wait"},
            new String[] {"lodestar: read, look up, write (QueryAnswerer)", "io/lodestar/server/dns/QueryAnswerer"},
            new String[] {"lodestar: other handler work", "io/lodestar/"});

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary FILE.collapsed [--top N]");
            System.exit(2);
        }
        int top = args.length >= 3 && args[1].equals("--top") ? Integer.parseInt(args[2]) : 15;
        summarize(Files.readAllLines(Path.of(args[0])), top, System.out);
    }

    static void summarize(List<String> lines, int top, PrintStream out) {
        long all = 0;
        long loop = 0;
        long[] stages = new long[STAGES.size() + 1];
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            all += n;
            String[] frames = line.substring(0, space).split(";");
            if (!onEventLoop(frames)) {
                continue;
            }
            loop += n;
            stages[stage(frames)] += n;
            self.merge(frames[frames.length - 1], n, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String f : frames) {
                if (f.startsWith("io/lodestar/") && seen.add(f)) {
                    inclusive.merge(f, n, Long::sum);
                }
            }
        }
        out.printf(Locale.ROOT, "profile: %d samples, %d (%.0f %%) on the DNS event loops%n", all, loop,
                pct(loop, all));
        if (loop == 0) {
            return;
        }
        long staged = 0;
        for (int i = 0; i < STAGES.size(); i++) {
            out.printf(Locale.ROOT, "  %5.1f %%  %s%n", pct(stages[i], loop), STAGES.get(i)[0]);
            staged += stages[i];
        }
        out.printf(Locale.ROOT, "  %5.1f %%  everything else on the loops (Netty, JNI glue, JVM)%n",
                pct(loop - staged, loop));
        long onLoop = loop;
        out.println("hottest frames (self time, share of the event loops):");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "  %5.1f %%  %s%n", pct(e.getValue(), onLoop), e.getKey()));
        out.println("lodestar methods (inclusive, share of the event loops):");
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "  %5.1f %%  %s%n", pct(e.getValue(), onLoop), e.getKey()));
    }

    private static boolean onEventLoop(String[] frames) {
        for (String f : frames) {
            if (f.startsWith("io/netty/channel/epoll/EpollIoHandler") || f.startsWith("io/netty/channel/nio/")) {
                return true;
            }
        }
        return false;
    }

    /** The stage of a stack: the first stage whose marker appears in it, else one past the last. */
    private static int stage(String[] frames) {
        for (int s = 0; s < STAGES.size(); s++) {
            for (String f : frames) {
                if (f.contains(STAGES.get(s)[1])) {
                    return s;
                }
            }
        }
        return STAGES.size();
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
