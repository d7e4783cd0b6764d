package io.lodestar.records;

import io.lodestar.mesos.MesosState;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names {@link TaskRecords} derives, each derived once per build: every instance of an app has the same task
 * name, DiscoveryInfo, framework and agents, so the label of a name, the name passes of a task, the owner names of
 * a pass ({@code T.F.domain}, {@code _T._tcp.F.slave.domain}, ...) and an agent id's tail are looked up after the
 * first task instead of being built (and their hashes computed) again. Only the canonical names are per task. Not
 * thread-safe: one per build.
 */
final class TaskNames {
    private final Labels labels;
    private final String domain;
    private final MessageDigest sha1;
    private final Map<String, String> labelOf = new HashMap<>();
    private final Map<String, List<String>> passesOfTaskName = new HashMap<>();
    private final Map<String, List<String>> passesOfDiscoveryName = new HashMap<>();
    private final Map<String, String> tailOfAgent = new HashMap<>();
    private final Map<String, Framework> frameworks = new HashMap<>();

    TaskNames(Labels labels, String domain) {
        this.labels = labels;
        this.domain = domain;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** {@link Labels#label} of {@code text}. */
    String label(String text) {
        String label = labelOf.get(text);
        if (label == null) {
            label = labels.label(text);
            labelOf.put(text, label);
        }
        return label;
    }

    /**
     * The task label of each name pass (spec 6.8.2): without DiscoveryInfo, the sanitised task name; with it, the
     * verbatim DiscoveryInfo name (lowercased, and only when it is a valid host name: QUIRK 5), then the sanitised
     * one; distinct, and none empty.
     */
    List<String> passes(MesosState.Task task) {
        if (task.discovery() == null) {
            return passesOfTaskName.computeIfAbsent(task.name(), name -> {
                String label = label(name);
                return label.isEmpty() ? List.of() : List.of(label);
            });
        }
        return passesOfDiscoveryName.computeIfAbsent(task.discovery().name(), name -> {
            List<String> passes = new ArrayList<>(2);
            String verbatim = name.toLowerCase(Locale.ROOT);
            if (DnsNames.isHostname(verbatim)) {
                passes.add(verbatim);
            }
            String label = label(name);
            if (!label.isEmpty() && !passes.contains(label)) {
                passes.add(label);
            }
            return List.copyOf(passes);
        });
    }

    /** Writes {@link TaskHash} of a task id to {@code out} (five characters). */
    void hash(String taskId, char[] out) {
        TaskHash.write(taskId, sha1, out);
    }

    /** {@link TaskRecords#agentTail} of an agent id. */
    String agentTail(String agentId) {
        return tailOfAgent.computeIfAbsent(agentId, TaskRecords::agentTail);
    }

    /** The names under framework label {@code f} ({@link Labels#domainFrag} of the framework name). */
    Framework framework(String f) {
        return frameworks.computeIfAbsent(f, Framework::new);
    }

    /** The owner names of one framework, {@code F.domain} and {@code F.slave.domain}, and of its name passes. */
    final class Framework {
        final String fd;
        final String fs;
        private final Map<String, Pass> passes = new HashMap<>();

        private Framework(String f) {
            this.fd = f + "." + domain;
            this.fs = f + ".slave." + domain;
        }

        /** The names of pass {@code t} under this framework. */
        Pass pass(String t) {
            return passes.computeIfAbsent(t, k -> new Pass(k, fd, fs));
        }
    }

    /** The owner names of one name pass {@code T} under one framework, except the canonical (per task) ones. */
    static final class Pass {
        final String t;
        final String a;
        final String as;
        final String tcpSlave;
        final String udpSlave;
        final String tcp;
        final String udp;
        private final String fd;
        /** Discovery SRV owners by port name ("" for none), then protocol. */
        private final Map<String, Map<String, String>> discovery = new HashMap<>(4);

        private Pass(String t, String fd, String fs) {
            this.t = t;
            this.fd = fd;
            this.a = t + "." + fd;
            this.as = t + "." + fs;
            this.tcpSlave = "_" + t + "._tcp." + fs;
            this.udpSlave = "_" + t + "._udp." + fs;
            this.tcp = "_" + t + "._tcp." + fd;
            this.udp = "_" + t + "._udp." + fd;
        }

        /** {@code _T._x.F.domain}, or {@code _name._T._x.F.domain} for a named DiscoveryInfo port. */
        String discoverySrv(String name, String x) {
            Map<String, String> byProtocol = discovery.computeIfAbsent(name, k -> new HashMap<>(4));
            String owner = byProtocol.get(x);
            if (owner == null) {
                owner = (name.isEmpty() ? "_" : "_" + name + "._") + t + "._" + x + "." + fd;
                byProtocol.put(x, owner);
            }
            return owner;
        }
    }
}
