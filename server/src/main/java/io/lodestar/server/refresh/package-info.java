/**
 * The refresh pipeline: states from a {@link io.lodestar.server.mesos.StateSource} become published snapshots, one
 * at a time, off the event loops; failures keep the last good snapshot, are counted by reason and show in an
 * immutable {@link io.lodestar.server.refresh.RefreshStatus} for readiness.
 *
 * <p>Parameters and return values are non-null unless a method or record component says otherwise.
 */
package io.lodestar.server.refresh;
