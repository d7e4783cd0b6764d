package io.lodestar.server.http;

import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * What to answer one request with: status, content type, the body (possibly still being computed off the event
 * loop) and, for redirects, the location.
 */
record Reply(int status, String contentType, Mono<byte[]> body, String location) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, Mono.just(body), null);
    }

    /** A 200 JSON reply whose body is still being computed. */
    static Reply json(Mono<byte[]> body) {
        return new Reply(200, JSON, body, null);
    }

    static Reply text(int status, String body) {
        return new Reply(status, TEXT, Mono.just(body.getBytes(StandardCharsets.UTF_8)), null);
    }

    /** Go's {@code ServeMux} redirect to a cleaned path: 301 with a small HTML body. */
    static Reply movedPermanently(String location) {
        String body = "<a href=\"" + location.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                + "\">Moved Permanently</a>.\n\n";
        return new Reply(301, HTML, Mono.just(body.getBytes(StandardCharsets.UTF_8)), location);
    }

    static Reply notFound() {
        return text(404, "404: Page Not Found");
    }
}
