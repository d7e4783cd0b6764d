package io.lodestar.server.refresh;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Mesos master for the stream tests, on Reactor Netty: {@code POST /api/v1} answers a chunked RecordIO stream
 * that the test writes event by event (each record cut into three chunks, each flushed on its own), and
 * {@code GET /master/state} serves the document the test sets. It can also redirect both to another master.
 */
final class FakeStreamingMaster implements AutoCloseable {
    private final DisposableServer server;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private volatile Sinks.Many<byte[]> stream;
    private volatile byte[] state;
    private volatile String redirectTo;

    FakeStreamingMaster() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/api/v1", (req, res) -> {
                    if (redirectTo != null) {
                        return res.status(HttpResponseStatus.TEMPORARY_REDIRECT)
                                .header("Location", "//" + redirectTo + "/api/v1").send();
                    }
                    Sinks.Many<byte[]> out = Sinks.many().unicast().onBackpressureBuffer();
                    stream = out;
                    subscriptions.incrementAndGet();
                    return res.status(200).header("Content-Type", "application/json")
                            .send(out.asFlux().map(Unpooled::wrappedBuffer), b -> true);
                })
                .get("/master/state", (req, res) -> {
                    if (redirectTo != null) {
                        return res.status(HttpResponseStatus.TEMPORARY_REDIRECT)
                                .header("Location", "//" + redirectTo + "/master/state").send();
                    }
                    byte[] body = state;
                    if (body == null) {
                        return res.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send();
                    }
                    return res.header("Content-Type", "application/json").sendByteArray(Mono.just(body));
                }))
                .bindNow();
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    /** How many SUBSCRIBE calls were answered with a stream. */
    int subscriptions() {
        return subscriptions.get();
    }

    void state(byte[] document) {
        this.state = document;
    }

    void redirectTo(String hostPort) {
        this.redirectTo = hostPort;
    }

    /** Sends one event on the open stream as a RecordIO record, in three chunks (the length itself is cut). */
    void send(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = (body.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[header.length + body.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(body, 0, record, header.length, body.length);
        int first = Math.max(1, header.length / 2);
        int second = header.length + body.length / 2;
        Sinks.Many<byte[]> out = stream;
        out.tryEmitNext(Arrays.copyOfRange(record, 0, first));
        out.tryEmitNext(Arrays.copyOfRange(record, first, second));
        out.tryEmitNext(Arrays.copyOfRange(record, second, record.length));
    }

    /** Ends the open stream (the master closes it). */
    void end() {
        stream.tryEmitComplete();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
