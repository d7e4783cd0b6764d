/**
 * Talking to Mesos: leader detection (static masters, ZooKeeper), the non-blocking master client with TLS and
 * authentication (Basic, IAM with a cached token), and the state sources that feed the refresh pipeline (polling
 * {@code /master/state}, the operator API event stream). Failures are classified into a fixed
 * {@link io.lodestar.server.mesos.FailureReason} set.
 *
 * <p>Parameters and return values are non-null unless a method or record component says otherwise.
 */
package io.lodestar.server.mesos;
