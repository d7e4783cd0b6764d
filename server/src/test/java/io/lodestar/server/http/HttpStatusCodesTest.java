package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Status codes and bodies as Mesos-DNS gives them (spec section 10): 404, 405, 406, 415, 501, the tolerated
 * trailing slash and the 301 to a cleaned path; plus 503 before the first records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpStatusCodesTest {
    private static final String TEXT = "text/plain; charset=utf-8";
    private HttpFixture http;

    @BeforeAll
    void start() {
        http = new HttpFixture();
        http.publish(HttpFixture.records());
    }

    @AfterAll
    void stop() {
        http.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/version", "/v1", "/v1/hosts/", "/v1/services/", "/v1/hosts/a/b", "/nothing",
        "/v1/version/x"})
    void anUnknownPathIs404(String path) {
        HttpResponse<String> r = http.get(path);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue(TEXT);
        assertThat(r.body()).isEqualTo("404: Page Not Found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "HEAD"})
    void anotherMethodOnAKnownPathIs405(String method) {
        HttpResponse<String> r = http.send(request("/v1/version").method(method, HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(r.statusCode()).isEqualTo(405);
        if (!method.equals("HEAD")) {
            assertThat(r.body()).isEqualTo("405: Method Not Allowed");
        }
    }

    @Test
    void lodestarRoutesAreGetOnlyToo() {
        HttpResponse<String> r = http.send(request("/health").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml, text/plain", "text/*"})
    void anAcceptHeaderWithoutJsonIs406(String accept) {
        HttpResponse<String> r = http.get("/v1/version", "Accept", accept);

        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).isEqualTo("406: Not Acceptable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "text/html, application/json;q=0.9", "application/*",
        "APPLICATION/JSON"})
    void anAcceptHeaderAllowingJsonIsServed(String accept) {
        assertThat(http.get("/v1/version", "Accept", accept).statusCode()).isEqualTo(200);
    }

    @Test
    void noAcceptHeaderIsServed() {
        assertThat(http.get("/v1/version").statusCode()).isEqualTo(200);
    }

    @Test
    void theStatusPageAndMetricsDoNotNegotiateJson() {
        assertThat(http.get("/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics", "Accept", "text/plain").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> r = http.send(request("/v1/version").header("Content-Type", "text/plain")
                .method("GET", HttpRequest.BodyPublishers.ofString("hello")).build());

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).isEqualTo("415: Unsupported Media Type");
    }

    @Test
    void aJsonBodyIsAccepted() {
        HttpResponse<String> r = http.send(request("/v1/version").header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void theMethodIsCheckedBeforeTheMediaTypes() {
        HttpResponse<String> r = http.send(request("/v1/version").header("Content-Type", "text/plain")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void hostPortsIsNotImplementedAsUpstream() {
        HttpResponse<String> r = http.get("/v1/hosts/web.marathon.mesos/ports");

        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).isEqualTo("To be implemented...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/version/", "/v1/hosts/web.marathon.mesos/", "/health/"})
    void oneTrailingSlashIsTolerated(String path) {
        assertThat(http.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void doubleSlashesAndDotSegmentsRedirectToTheCleanedPath() {
        HttpResponse<String> slashes = http.get("/v1//version?x=1");
        HttpResponse<String> dots = http.get("/v1/hosts/../version");

        assertThat(slashes.statusCode()).isEqualTo(301);
        assertThat(slashes.headers().firstValue("location")).hasValue("/v1/version?x=1");
        assertThat(dots.statusCode()).isEqualTo(301);
        assertThat(dots.headers().firstValue("location")).hasValue("/v1/version");
        assertThat(http.get("/v1/version//").headers().firstValue("location")).hasValue("/v1/version/");
    }

    @Test
    void enumerationOffMakesEnumerateAndAxfr404() {
        try (HttpFixture off = new HttpFixture(HttpFixture.config().enumerationOn(false).build())) {
            off.publish(HttpFixture.records());

            assertThat(off.get("/v1/enumerate").statusCode()).isEqualTo(404);
            assertThat(off.get("/v1/axfr").statusCode()).isEqualTo(404);
            assertThat(off.get("/v1/hosts/web.marathon.mesos").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void routesThatNeedRecordsAre503BeforeTheFirst() {
        try (HttpFixture empty = new HttpFixture()) {
            for (String path : new String[] {"/v1/hosts/web.marathon.mesos", "/v1/services/_web._tcp.marathon.mesos",
                "/v1/axfr", "/v1/enumerate"}) {
                HttpResponse<String> r = empty.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(503);
                assertThat(r.body()).as(path).contains("\"error\": \"no records published yet\"");
            }
            assertThat(empty.get("/v1/version").statusCode()).isEqualTo(200);
            assertThat(empty.get("/v1/config").body()).contains("\"SOASerial\": 0,");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.uri(path)).timeout(Duration.ofSeconds(10));
    }
}
