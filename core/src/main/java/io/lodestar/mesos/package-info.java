/**
 * The Mesos side as pure logic: the {@code /master/state} model and its lenient parser, the operator API event
 * stream (RecordIO framing, events, the folded {@link io.lodestar.mesos.ClusterView}), MasterInfo and the ZooKeeper
 * election order, and the failover hold of recovered agents. No sockets, threads or clocks: callers pass the time.
 *
 * <p>Parameters and return values are non-null unless a method or record component says otherwise.
 */
package io.lodestar.mesos;
