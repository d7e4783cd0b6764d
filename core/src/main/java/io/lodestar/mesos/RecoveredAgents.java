package io.lodestar.mesos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Safe failover. A newly elected master recovers its agent list from the registry but knows none of their tasks
 * until each agent re-registers; meanwhile its state lists those agents in {@code recovered_slaves} (operator API:
 * {@code recovered_agents}) and nothing else about them. Publishing such a state as is would delete every record of
 * those agents' tasks for the minute or so the agents take to come back.
 *
 * <p>This keeps, for each agent the new state lists as recovered and does not list as registered, the agent and
 * its tasks from the previous state, until the agent re-registers (its fresh entry then replaces the kept one) or
 * {@code graceMillis} have passed since it was first seen recovered. Not thread-safe: one refresh at a time.
 */
public final class RecoveredAgents {
    private final long graceMillis;
    private MesosState previous;
    private Map<String, Long> recoveredSince = new HashMap<>();
    private Set<String> held = Set.of();

    /** @param graceMillis how long the tasks of an agent that does not come back are kept; 0 keeps nothing */
    public RecoveredAgents(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** The ids of the agents whose previous entries the last {@link #apply} kept. */
    public Set<String> held() {
        return held;
    }

    /** {@code current} plus the kept agents and tasks; becomes the previous state of the next call. */
    public MesosState apply(MesosState current, long nowMillis) {
        Set<String> registered = new HashSet<>();
        for (MesosState.Agent a : current.agents()) {
            registered.add(a.id());
        }
        Map<String, Long> since = new HashMap<>();
        Map<String, MesosState.Agent> keep = new LinkedHashMap<>();
        for (String id : current.recoveredAgentIds()) {
            if (registered.contains(id)) {
                continue;
            }
            long first = recoveredSince.getOrDefault(id, nowMillis);
            since.put(id, first);
            MesosState.Agent old = previousAgent(id);
            if (old != null && nowMillis - first < graceMillis) {
                keep.put(id, old);
            }
        }
        recoveredSince = since;
        held = Set.copyOf(keep.keySet());
        MesosState merged = keep.isEmpty() ? current : merge(current, keep);
        previous = merged;
        return merged;
    }

    private MesosState.Agent previousAgent(String id) {
        if (previous == null) {
            return null;
        }
        for (MesosState.Agent a : previous.agents()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    private MesosState merge(MesosState current, Map<String, MesosState.Agent> keep) {
        List<MesosState.Agent> agents = new ArrayList<>(current.agents());
        agents.addAll(keep.values());
        // The kept tasks, by framework key, from the previous state.
        Map<String, List<MesosState.Task>> keptTasks = new LinkedHashMap<>();
        Map<String, MesosState.Framework> keptFrameworks = new LinkedHashMap<>();
        for (MesosState.Framework fw : previous.frameworks()) {
            for (MesosState.Task t : fw.tasks()) {
                if (keep.containsKey(t.agentId())) {
                    keptTasks.computeIfAbsent(key(fw), k -> new ArrayList<>()).add(t);
                    keptFrameworks.putIfAbsent(key(fw), fw);
                }
            }
        }
        List<MesosState.Framework> frameworks = new ArrayList<>();
        for (MesosState.Framework fw : current.frameworks()) {
            List<MesosState.Task> extra = keptTasks.remove(key(fw));
            frameworks.add(extra == null ? fw : withTasks(fw, fw.tasks(), extra));
        }
        // Frameworks the new leader does not know yet (their scheduler has not re-registered either).
        keptTasks.forEach((k, tasks) -> frameworks.add(withTasks(keptFrameworks.get(k), List.of(), tasks)));
        return new MesosState(current.leader(), agents, frameworks, current.recoveredAgentIds(), current.skipped());
    }

    private static MesosState.Framework withTasks(MesosState.Framework fw, List<MesosState.Task> tasks,
            List<MesosState.Task> extra) {
        Set<String> ids = new HashSet<>();
        List<MesosState.Task> all = new ArrayList<>(tasks);
        for (MesosState.Task t : tasks) {
            ids.add(t.id());
        }
        for (MesosState.Task t : extra) {
            if (ids.add(t.id())) {
                all.add(t);
            }
        }
        return new MesosState.Framework(fw.id(), fw.name(), fw.pid(), fw.hostname(), all);
    }

    /** Frameworks match by id; one without an id (never seen from Mesos) by name. */
    private static String key(MesosState.Framework fw) {
        return fw.id().isEmpty() ? "name:" + fw.name() : fw.id();
    }
}
