package io.lodestar.server.forward;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where the forwarder sends the response to a client query: a UDP server socket (to the client's address) or the
 * client's TCP connection. One sink may serve many queries: it is given the client each time. Called at most once
 * per query, on the client's event loop, never before {@link Forwarder#forward} has returned.
 */
@FunctionalInterface
public interface ReplySink {

    /**
     * Sends {@code response}, a whole DNS message (after its 2-byte length for a TCP client), to {@code client}; the
     * sink owns the buffer from now on.
     */
    void send(ByteBuf response, InetSocketAddress client);
}
