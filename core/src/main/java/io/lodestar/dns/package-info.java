/**
 * The authoritative DNS query path as pure logic on Netty {@code ByteBuf}s: the zone compiler that turns a
 * {@link io.lodestar.records.RecordSet} into an immutable {@link io.lodestar.dns.Snapshot} of precompiled wire
 * answers, the published snapshot reference ({@link io.lodestar.dns.SnapshotHolder}), and the allocation-free
 * {@link io.lodestar.dns.QueryProcessor} that reads a query, looks it up and writes the response.
 *
 * <p>No sockets, event loops or Reactor here. Parameters and return values are non-null unless a method says
 * otherwise. See {@code docs/dns.md} for the answer semantics.
 */
package io.lodestar.dns;
