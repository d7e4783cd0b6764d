package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.server.status.SourceStatus;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} answers while the process runs; {@code /ready} only while published records were confirmed
 * within the staleness limit (3 x refreshSeconds = 180 s here), with a JSON reason otherwise.
 */
class HealthTest {
    private static final Instant NOW = HttpFixture.NOW;
    private HttpFixture http;

    @BeforeEach
    void start() {
        http = new HttpFixture();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void healthIs200EvenBeforeAnyRecords() {
        HttpResponse<String> r = http.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\n \"status\": \"up\"\n}");
    }

    @Test
    void notReadyBeforeTheFirstRecordsWithTheSourceFailure() {
        http.status = new SourceStatus(HttpFixture.SOURCE, null, null, "no such file", NOW.minusSeconds(30));

        HttpResponse<String> r = http.get("/ready");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("""
                {
                 "ready": false,
                 "reason": "no records published yet; state file /tmp/state.json failing since 2024-05-01T11:59:30Z: no such file",
                 "source": "state file /tmp/state.json",
                 "leader": null,
                 "serial": 0,
                 "ageSeconds": null,
                 "stalenessLimitSeconds": 180,
                 "lastSuccess": null,
                 "failure": "no such file",
                 "failingSince": "2024-05-01T11:59:30Z"
                }""");
    }

    @Test
    void readyOnceRecordsArePublishedAndFresh() {
        http.publish(HttpFixture.records());
        http.confirmed(NOW.minusSeconds(10), NOW);

        HttpResponse<String> r = http.get("/ready");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("""
                {
                 "ready": true,
                 "reason": null,
                 "source": "state file /tmp/state.json",
                 "leader": "10.0.0.10",
                 "serial": 1700000000,
                 "ageSeconds": 10,
                 "stalenessLimitSeconds": 180,
                 "lastSuccess": "2024-05-01T11:59:50Z",
                 "failure": null,
                 "failingSince": null
                }""");
    }

    @Test
    void notReadyOnceTheRecordsAreOlderThanTheLimit() {
        http.publish(HttpFixture.records());
        Instant since = NOW.minusSeconds(200);
        http.status = new SourceStatus(HttpFixture.SOURCE, "10.0.0.10", since, "connection refused", since);

        HttpResponse<String> r = http.get("/ready");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"reason\": \"the records were last confirmed 200 s ago, over the 180 s limit;"
                + " state file /tmp/state.json failing since 2024-05-01T11:56:40Z: connection refused\"");
        assertThat(http.get("/health").statusCode()).as("still alive").isEqualTo(200);
    }

    @Test
    void theLimitIsConfigurable() {
        try (HttpFixture strict = new HttpFixture(HttpFixture.config().readyStalenessSeconds(5).build())) {
            strict.publish(HttpFixture.records());
            strict.confirmed(NOW.minusSeconds(6), NOW);

            assertThat(strict.get("/ready").statusCode()).isEqualTo(503);

            strict.confirmed(NOW.minusSeconds(5), NOW);
            assertThat(strict.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void statusHasWhatThePageShows() {
        http.publish(HttpFixture.records());
        http.confirmed(NOW, NOW);

        HttpResponse<String> r = http.get("/status");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"domain\": \"mesos.\"", "\"enumeration\": true", "\"ready\": true",
                "\"records\": {\n  \"A\": 5,\n  \"AAAA\": 3,\n  \"SRV\": 4\n }");
    }
}
