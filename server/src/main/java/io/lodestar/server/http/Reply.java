package io.lodestar.server.http;

import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * What to answer one request with: status, content type, the body (possibly still being computed off the event
 * loop), for redirects the location, and for 401 the {@code WWW-Authenticate} challenge.
 */
record Reply(int status, String contentType, Mono<byte[]> body, String location, String authenticate) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    Reply(int status, String contentType, Mono<byte[]> body, String location) {
        this(status, contentType, body, location, null);
    }

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

    /** RFC 6750 3: no token or a wrong one; {@code WWW-Authenticate} says which scheme to use. */
    static Reply unauthorized() {
        return new Reply(401, TEXT, Mono.just("401: Unauthorized".getBytes(StandardCharsets.UTF_8)), null,
                "Bearer realm=\"lodestar\"");
    }

    static Reply notFound() {
        return text(404, "404: Page Not Found");
    }
}
