package io.lodestar.server.mesos;

import io.lodestar.config.Config;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import reactor.core.publisher.Mono;

/**
 * The {@code Authorization} header of requests to the masters ({@code mesosAuthentication}, spec 4.4): none, HTTP
 * Basic with {@code mesosCredentials}, or an IAM token ({@link IamTokenCache}).
 */
public interface MasterAuth {
    /** No authentication. */
    MasterAuth NONE = Mono::empty;

    /** The header value for the next request; empty for none. May log in first (IAM). */
    Mono<String> authorization();

    /** The master refused the last header (401/403): forget any cached token. */
    default void rejected() {
    }

    /** {@code Basic base64(principal:secret)}. */
    static MasterAuth basic(Config.Credentials credentials) {
        String token = credentials.principal() + ":" + credentials.secret();
        String header = "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        return () -> Mono.just(header);
    }
}
