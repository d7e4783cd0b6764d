/**
 * The Netty DNS transports: UDP (one channel per event loop with {@code SO_REUSEPORT} on native epoll) and TCP
 * (RFC 7766 framing, pipelining, limits), both handing each query to the core {@code QueryProcessor}.
 *
 * <p>Parameters and return values are non-null unless a method says otherwise. Nothing here knows DNS naming
 * or answer semantics; that lives in {@code io.lodestar.dns}.
 */
package io.lodestar.server.dns;
