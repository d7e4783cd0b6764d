package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lodestar.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API under hostile use: the bearer token on the routes that show everything, secrets never shown, the
 * caps on connections and request sizes (each counted), and the listener bound to the configured address only.
 */
class HttpHardeningTest {
    private static final String TOKEN = "t0ken-Wh1ch-Must-N0t-Leak";
    private HttpFixture http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    private HttpFixture start(Config.Builder config) {
        http = new HttpFixture(config.build());
        http.publish(HttpFixture.records());
        return http;
    }

    private double metric(String series) {
        return PrometheusText.value(http.metrics.scrape(), series);
    }

    @Test
    void withATokenTheRoutesThatShowEverythingWantIt() {
        start(HttpFixture.config().httpApiToken(TOKEN));

        for (String path : new String[] {"/v1/config", "/v1/enumerate", "/v1/axfr"}) {
            HttpResponse<String> none = http.get(path);
            assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"lodestar\"");
            assertThat(http.get(path, "Authorization", "Bearer wrong").statusCode()).as(path + " wrong token")
                    .isEqualTo(401);
            assertThat(http.get(path, "Authorization", "Basic " + TOKEN).statusCode()).as(path + " other scheme")
                    .isEqualTo(401);
            assertThat(http.get(path, "Authorization", "Bearer " + TOKEN).statusCode()).as(path + " with it")
                    .isEqualTo(200);
            assertThat(http.get(path, "Authorization", "bearer " + TOKEN).statusCode()).as("scheme case")
                    .isEqualTo(200);
        }
        for (String path : new String[] {"/v1/version", "/v1/hosts/web.marathon.mesos", "/health", "/metrics"}) {
            assertThat(http.get(path).statusCode()).as(path + " needs no token").isEqualTo(200);
        }
    }

    @Test
    void noTokenMeansOpenAsInMesosDnsAndSecretsAreNeverShown() {
        start(HttpFixture.config().httpApiToken(""));
        assertThat(http.get("/v1/config").statusCode()).isEqualTo(200);
        http.close();

        start(HttpFixture.config().httpApiToken(TOKEN));
        String config = http.get("/v1/config", "Authorization", "Bearer " + TOKEN).body();
        assertThat(config).contains("\"******\"").doesNotContain("s3cret").doesNotContain(TOKEN);
        assertThat(http.config.toString()).doesNotContain(TOKEN).doesNotContain("s3cret");
        for (String path : new String[] {"/status", "/metrics", "/"}) {
            assertThat(http.get(path).body()).as(path).doesNotContain(TOKEN).doesNotContain("s3cret");
        }
    }

    @Test
    void aRequestLineOrHeadersOverTheCapAreRefusedAndCounted() throws IOException {
        start(HttpFixture.config().httpMaxRequestBytes(2048));

        assertThat(rawStatus("GET /v1/hosts/" + "a".repeat(4000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .as("request line").isEqualTo(414);
        assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(4000) + "\r\n\r\n"))
                .as("headers").isEqualTo(431);
        assertThat(http.get("/health", "X-Small", "c".repeat(1000)).statusCode()).as("within the cap").isEqualTo(200);
        await().untilAsserted(() -> assertThat(metric("lodestar_http_requests_too_large_total")).isEqualTo(2));
    }

    @Test
    void connectionsOverTheCapAreResetAndCounted() throws IOException {
        start(HttpFixture.config().httpMaxConnections(2));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", http.api.address().getPort());
        try (Socket first = connect(address); Socket second = connect(address)) {
            await().untilAsserted(() -> assertThat(metric("lodestar_http_connections_open")).isEqualTo(2));

            try (Socket third = connect(address)) {
                assertThat(closedAtOnce(third)).as("the third connection is closed").isTrue();
            }
            await().untilAsserted(() -> assertThat(metric("lodestar_http_connections_rejected_total")).isEqualTo(1));
        }
        await().untilAsserted(() -> assertThat(metric("lodestar_http_connections_open")).isZero());
        assertThat(http.get("/health").statusCode()).as("served again once they closed").isEqualTo(200);
    }

    @Test
    void theApiListensOnTheConfiguredAddressOnly() throws IOException {
        start(HttpFixture.config().httpListener("127.0.0.1"));
        int port = http.api.address().getPort();

        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        // 127.0.0.2 is on the loopback interface too, but not the configured address.
        try (Socket other = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.connect(
                    new InetSocketAddress("127.0.0.2", port), 2000)).isInstanceOf(ConnectException.class);
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** True when the server closed or reset the connection without answering a request written on it. */
    private static boolean closedAtOnce(Socket socket) {
        try {
            byte[] request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(request);
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status code of the reply to a request written byte for byte. */
    private int rawStatus(String request) throws IOException {
        try (Socket s = connect(new InetSocketAddress("127.0.0.1", http.api.address().getPort()))) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            String line = new String(head, StandardCharsets.US_ASCII);
            return Integer.parseInt(line.substring(9, 12));
        }
    }
}
