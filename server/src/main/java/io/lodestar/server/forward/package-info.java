/**
 * The forwarder for names outside our zones (issue 5, {@code docs/forwarding.md}): a non-blocking relay on the
 * DNS event loops, with a pool of UDP sockets per loop, TCP for TCP clients and for truncated UDP replies, replies
 * matched by upstream, ID and question, per-attempt timeouts, health memory per upstream, a cap on queries in
 * flight and an optional answer cache.
 *
 * <p>The wire logic (zone selection, relaying within a size limit, reply checks, cache TTLs) lives in core's
 * {@code io.lodestar.forward}. Parameters and return values are non-null unless a method says otherwise.
 */
package io.lodestar.server.forward;
