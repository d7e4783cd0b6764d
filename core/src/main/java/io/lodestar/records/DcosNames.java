package io.lodestar.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Name mangling as dcos-net does it (its {@code mesos_state:label} and {@code domain_frag}), for the names under
 * {@code thisdcos.directory}. Differs from Mesos-DNS's {@link Labels} only for names over 63 characters: after the
 * cut, dcos-net refills with letters and digits only.
 */
public final class DcosNames {
    private static final int MAX = 63;

    private DcosNames() {
    }

    /**
     * One label: uppercase folded; everything before the first letter or digit dropped; {@code -}, {@code _} and
     * {@code .} become {@code -}; every other character dropped; at most 63 characters; no trailing {@code -}.
     * {@code My_App.v2} gives {@code my-app-v2}. May return the empty string.
     */
    public static String label(String text) {
        StringBuilder acc = new StringBuilder(Math.min(text.length(), MAX));
        boolean started = false;
        boolean terminating = false;
        for (int i = 0; i < text.length(); i++) {
            char c = lower(text.charAt(i));
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!started) {
                if (!alnum) {
                    continue;
                }
                started = true;
            }
            if (!terminating && acc.length() >= MAX) {
                trimTrailingDashes(acc);
                terminating = true;
            }
            if (terminating) {
                if (acc.length() == MAX) {
                    break;
                }
                if (alnum) {
                    acc.append(c);
                }
            } else if (c == '-' || c == '_' || c == '.') {
                acc.append('-');
            } else if (alnum) {
                acc.append(c);
            }
        }
        trimTrailingDashes(acc);
        return acc.toString();
    }

    /**
     * The name of a task or VIP: a Marathon app path ({@code /group/app}) first becomes the task name Marathon
     * gives it ({@code app.group}), then {@link #label}: {@code /group/app} and {@code app.group} give
     * {@code app-group}.
     */
    public static String name(String text) {
        if (!text.startsWith("/")) {
            return label(text);
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        Collections.reverse(parts);
        return label(String.join(".", parts));
    }

    /**
     * dcos-net's {@code domain_frag}: split on dots, {@link #label} each part, drop the parts that became empty,
     * join with dots. The l4lb names of DC/OS are built this way: {@code /group/app} gives {@code groupapp}.
     */
    public static String domainFrag(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String part : text.split("\\.")) {
            String l = label(part);
            if (!l.isEmpty()) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(l);
            }
        }
        return out.toString();
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static void trimTrailingDashes(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '-') {
            end--;
        }
        sb.setLength(end);
    }
}
