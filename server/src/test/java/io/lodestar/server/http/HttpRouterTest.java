package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path and header rules of {@link HttpRouter}, table-driven: Go's {@code cleanPath} and go-restful's Accept. */
class HttpRouterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', /",
        "/, /",
        "/v1/version, /v1/version",
        "/v1/version/, /v1/version/",
        "//v1//version, /v1/version",
        "/v1/./version, /v1/version",
        "/v1/hosts/../version, /v1/version",
        "/../../v1, /v1",
        "/v1/version/., /v1/version",
        "/v1/version/.., /v1",
        "/v1/version//, /v1/version/",
        "/a/b/../../, /",
    })
    void cleansPathsAsGoDoes(String path, String cleaned) {
        assertThat(HttpRouter.cleanPath(path)).isEqualTo(cleaned);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/version?x=1, /v1/version",
        "/v1/version#top, /v1/version",
        "http://example.com:8123/v1/config?a=b, /v1/config",
        "http://example.com, /",
    })
    void takesThePathOfARequestTarget(String uri, String path) {
        assertThat(HttpRouter.rawPath(uri)).isEqualTo(path);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json | true",
        "Application/JSON; charset=utf-8 | true",
        "*/* | true",
        "application/* | true",
        "text/html, application/json;q=0.1 | true",
        "text/html | false",
        "application/xml | false",
        "text/* | false",
    })
    void acceptsJsonAsGoRestfulDoes(String accept, boolean json) {
        assertThat(HttpRouter.acceptsJson(List.of(accept))).isEqualTo(json);
    }
}
