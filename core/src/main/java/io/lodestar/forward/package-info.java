/**
 * The pure logic of forwarding names outside our zones: choosing the upstream group by the longest matching zone,
 * the {@code allowRecursion} address filter, walking an upstream reply ({@link io.lodestar.forward.MessageLayout}),
 * checking it against the query, relaying it within the client's size limit by whole records, and the bounded,
 * TTL-respecting answer cache (RFC 2308 negative caching included).
 *
 * <p>No sockets or event loops here (the server's {@code io.lodestar.server.forward} does the I/O). Parameters and
 * return values are non-null unless a method says otherwise. See {@code docs/forwarding.md}.
 */
package io.lodestar.forward;
