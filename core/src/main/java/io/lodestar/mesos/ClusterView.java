package io.lodestar.mesos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster as the operator API event stream tells it: the {@code SUBSCRIBED} snapshot with every later event
 * folded in (a task cache, agents, frameworks), readable at any time as a {@link MesosState} for record building.
 *
 * <p>A periodic reconciliation replaces the view with a {@code /master/state} document. Events keep arriving while
 * that document is fetched, and the document may predate some of them, so the events folded between
 * {@link #beginReconcile()} and {@link #reconcile(MesosState)} are folded again on top of it (folding is
 * idempotent). The operator API has no framework pids; the view keeps the pids the last {@code /master/state}
 * gave, by framework id. Not thread-safe.
 */
public final class ClusterView {
    /** Statuses kept per task: the newest ones (health-check flapping would grow the list without end). */
    static final int MAX_STATUSES = 32;
    /** Events buffered during one reconciliation; beyond this the reconciliation is dropped. */
    static final int MAX_REPLAY = 100_000;

    private String leader = "";
    private final Map<String, MesosState.Agent> agents = new LinkedHashMap<>();
    private final Map<String, MesosState.Framework> frameworks = new LinkedHashMap<>();
    private final Map<String, MesosState.Task> tasks = new LinkedHashMap<>();
    private final Set<String> recovered = new LinkedHashSet<>();
    private SkipReport skipped = SkipReport.EMPTY;
    private List<OperatorEvent> replay;
    private long unknownTaskUpdates;

    /** Sets the leader's pid ({@code master@host:port}); a {@code SUBSCRIBED} without {@code master_info} keeps it. */
    public void leader(String pid) {
        this.leader = pid;
    }

    /** Replaces the whole view with {@code state}, keeping known framework pids that {@code state} lacks. */
    public void reset(MesosState state) {
        Map<String, Pid> pids = new HashMap<>();
        frameworks.forEach((k, fw) -> {
            if (fw.pid() != null) {
                pids.put(k, fw.pid());
            }
        });
        if (!state.leader().isEmpty()) {
            leader = state.leader();
        }
        agents.clear();
        frameworks.clear();
        tasks.clear();
        recovered.clear();
        for (MesosState.Agent a : state.agents()) {
            agents.put(a.id(), a);
        }
        for (MesosState.Framework fw : state.frameworks()) {
            String k = frameworkKey(fw);
            Pid pid = fw.pid() != null ? fw.pid() : pids.get(k);
            frameworks.put(k, new MesosState.Framework(fw.id(), fw.name(), pid, fw.hostname(), List.of()));
            for (MesosState.Task t : fw.tasks()) {
                tasks.put(taskKey(k, t.id()), t);
            }
        }
        recovered.addAll(state.recoveredAgentIds());
        skipped = state.skipped();
    }

    /** Folds one event in; returns whether the view changed (a heartbeat changes nothing). */
    public boolean apply(OperatorEvent event) {
        if (event instanceof OperatorEvent.Subscribed) {
            replay = null; // a whole new snapshot: a reconciliation begun before it no longer applies
        } else if (replay != null) {
            if (replay.size() >= MAX_REPLAY) {
                replay = null;
            } else if (!(event instanceof OperatorEvent.Heartbeat)) {
                replay.add(event);
            }
        }
        return fold(event);
    }

    /** Starts buffering events: a {@code /master/state} fetch for {@link #reconcile} is about to be sent. */
    public void beginReconcile() {
        replay = new ArrayList<>();
    }

    /**
     * Replaces the view with {@code state} and folds again the events seen since {@link #beginReconcile()}.
     * Returns false, changing nothing, when no reconciliation is open (never begun, or too many events meanwhile).
     */
    public boolean reconcile(MesosState state) {
        List<OperatorEvent> events = replay;
        replay = null;
        if (events == null) {
            return false;
        }
        reset(state);
        for (OperatorEvent e : events) {
            fold(e);
        }
        return true;
    }

    /** Drops an open reconciliation (its fetch failed). */
    public void abortReconcile() {
        replay = null;
    }

    /** {@code TASK_UPDATED} events for tasks the view did not hold (the next reconciliation catches up). */
    public long unknownTaskUpdates() {
        return unknownTaskUpdates;
    }

    /** The view as a state document would give it; a new immutable object each time. */
    public MesosState snapshot() {
        SkipReport.Collector skips = new SkipReport.Collector();
        MesosState assembled = assemble(leader, agents.values(), frameworks.values(), tasks.values(), recovered,
                skips);
        return new MesosState(assembled.leader(), assembled.agents(), assembled.frameworks(),
                assembled.recoveredAgentIds(), skipped.plus(assembled.skipped()));
    }

    private boolean fold(OperatorEvent event) {
        if (event instanceof OperatorEvent.Subscribed s) {
            reset(s.state());
            return true;
        }
        if (event instanceof OperatorEvent.TaskAdded a) {
            tasks.put(taskKey(a.task().frameworkId(), a.task().id()), a.task());
            return true;
        }
        if (event instanceof OperatorEvent.TaskUpdated u) {
            return update(u);
        }
        if (event instanceof OperatorEvent.AgentAdded a) {
            agents.put(a.agent().id(), a.agent());
            recovered.remove(a.agent().id());
            return true;
        }
        if (event instanceof OperatorEvent.AgentRemoved r) {
            recovered.remove(r.agentId());
            return agents.remove(r.agentId()) != null;
        }
        if (event instanceof OperatorEvent.FrameworkUpdated f) {
            MesosState.Framework fw = f.framework();
            MesosState.Framework old = frameworks.get(frameworkKey(fw));
            Pid pid = fw.pid() != null ? fw.pid() : old == null ? null : old.pid();
            frameworks.put(frameworkKey(fw), new MesosState.Framework(fw.id(), fw.name(), pid, fw.hostname(),
                    List.of()));
            return true;
        }
        if (event instanceof OperatorEvent.FrameworkRemoved r) {
            return removeFramework(r.frameworkId());
        }
        return false; // Heartbeat, Ignored
    }

    private boolean update(OperatorEvent.TaskUpdated u) {
        String key = taskKey(u.frameworkId(), u.taskId());
        MesosState.Task t = tasks.get(key);
        if (t == null) {
            unknownTaskUpdates++;
            return false;
        }
        if (OperatorEvent.TERMINAL_STATES.contains(u.state())) {
            tasks.remove(key);
            return true;
        }
        List<MesosState.Status> statuses = t.statuses();
        if (u.status() != null && !statuses.contains(u.status())) {
            statuses = new ArrayList<>(statuses);
            statuses.add(u.status());
            if (statuses.size() > MAX_STATUSES) {
                statuses = statuses.subList(statuses.size() - MAX_STATUSES, statuses.size());
            }
        }
        tasks.put(key, new MesosState.Task(t.id(), t.name(), t.frameworkId(), t.agentId(), u.state(), t.ports(),
                statuses, t.discovery(), t.labels(), t.healthCheck()));
        return true;
    }

    private boolean removeFramework(String id) {
        boolean changed = frameworks.remove(id) != null;
        String prefix = id + "\u0000";
        for (Iterator<String> it = tasks.keySet().iterator(); it.hasNext(); ) {
            if (it.next().startsWith(prefix)) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    /**
     * A state document from separate lists: each task goes under its framework (by id), in list order; a task
     * whose framework is not listed is skipped and counted.
     */
    static MesosState assemble(String leader, Iterable<MesosState.Agent> agents,
            Iterable<MesosState.Framework> frameworks, Iterable<MesosState.Task> tasks, Iterable<String> recovered,
            SkipReport.Collector skips) {
        Map<String, List<MesosState.Task>> byFramework = new LinkedHashMap<>();
        Map<String, MesosState.Framework> fws = new LinkedHashMap<>();
        for (MesosState.Framework fw : frameworks) {
            fws.put(frameworkKey(fw), fw);
            byFramework.put(frameworkKey(fw), new ArrayList<>());
        }
        for (MesosState.Task t : tasks) {
            List<MesosState.Task> list = byFramework.get(t.frameworkId());
            if (list == null) {
                skips.skip("task: framework not in state", t.id());
                continue;
            }
            list.add(t);
        }
        List<MesosState.Framework> out = new ArrayList<>(fws.size());
        fws.forEach((k, fw) -> out.add(new MesosState.Framework(fw.id(), fw.name(), fw.pid(), fw.hostname(),
                byFramework.get(k))));
        List<MesosState.Agent> agentList = new ArrayList<>();
        agents.forEach(agentList::add);
        List<String> recoveredList = new ArrayList<>();
        recovered.forEach(recoveredList::add);
        return new MesosState(leader, agentList, out, recoveredList, skips.report());
    }

    private static String frameworkKey(MesosState.Framework fw) {
        return fw.id().isEmpty() ? "name:" + fw.name() : fw.id();
    }

    private static String taskKey(String frameworkKey, String taskId) {
        return frameworkKey + "\u0000" + taskId;
    }
}
