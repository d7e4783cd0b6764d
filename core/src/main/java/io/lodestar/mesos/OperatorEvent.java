package io.lodestar.mesos;

import java.util.List;

/**
 * One event of the Mesos v1 operator API stream ({@code POST /api/v1 {"type":"SUBSCRIBE"}}), reduced to what record
 * generation needs and already in the {@link MesosState} model. Parsed by {@link OperatorEventParser}, folded by
 * {@link ClusterView}.
 */
public sealed interface OperatorEvent {

    /**
     * The first event: the whole cluster. {@code state.leader()} is the {@code master_info} pid when the event has
     * one, else {@code ""}; frameworks carry no pid (the operator API has none).
     *
     * @param heartbeatIntervalSeconds how often the master promises a {@code HEARTBEAT}; 0 when not given
     */
    record Subscribed(MesosState state, double heartbeatIntervalSeconds) implements OperatorEvent {
    }

    /** A task became known (launched, or reported by a re-registering agent). */
    record TaskAdded(MesosState.Task task) implements OperatorEvent {
    }

    /**
     * A task changed state. Partial: only the new state and latest status are sent.
     *
     * @param status the status update, or null when the event had none that could be read
     */
    record TaskUpdated(String frameworkId, String taskId, String state, MesosState.Status status)
            implements OperatorEvent {
    }

    /** An agent registered, or re-registered after a failover. */
    record AgentAdded(MesosState.Agent agent) implements OperatorEvent {
    }

    /** An agent was removed. */
    record AgentRemoved(String agentId) implements OperatorEvent {
    }

    /** A framework subscribed or changed ({@code FRAMEWORK_ADDED}, {@code FRAMEWORK_UPDATED}); it has no tasks here. */
    record FrameworkUpdated(MesosState.Framework framework) implements OperatorEvent {
    }

    /** A framework was torn down: it and its tasks are gone. */
    record FrameworkRemoved(String frameworkId) implements OperatorEvent {
    }

    /** The master is alive. */
    record Heartbeat() implements OperatorEvent {
    }

    /** An event type Lodestar does not use (newer masters add some); ignored. */
    record Ignored(String type) implements OperatorEvent {
    }

    /** Task states after which a task never runs again: such a task leaves the view. */
    List<String> TERMINAL_STATES = List.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
            "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");
}
