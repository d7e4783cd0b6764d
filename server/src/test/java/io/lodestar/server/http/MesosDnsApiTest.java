package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.server.Version;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Mesos-DNS routes against a running server over a known zone: the exact JSON (field order, Go's indentation),
 * status and headers of spec section 10, and the fixes (masked secret, {@code []} for empty lists).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MesosDnsApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
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

    @Test
    void versionNamesTheServiceAsMesosDnsDoes() {
        HttpResponse<String> r = http.get("/v1/version");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("content-length")).hasValue(Integer.toString(r.body().length()));
        assertThat(r.headers().firstValue("connection")).as("see HttpApi: no keep-alive").hasValue("close");
        assertThat(r.body()).isEqualTo("""
                {
                 "Service": "Mesos-DNS",
                 "URL": "https://github.com/mesosphere/mesos-dns",
                 "Version": "%s"
                }""".formatted(Version.current()));
    }

    @Test
    void configListsEveryKeyInUpstreamOrderWithTheSecretMasked() {
        HttpResponse<String> r = http.get("/v1/config");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("s3cret").isEqualTo("""
                {
                 "RefreshSeconds": 60,
                 "Port": 0,
                 "Timeout": 5,
                 "StateTimeoutSeconds": 300,
                 "ZkDetectionTimeout": 30,
                 "HttpPort": 0,
                 "TTL": 60,
                 "SRVRecordDefaultWeight": 1,
                 "SOASerial": 1700000000,
                 "SOARefresh": 60,
                 "SOARetry": 600,
                 "SOAExpire": 86400,
                 "SOAMinttl": 60,
                 "SOAMname": "ns1.mesos.",
                 "SOARname": "root.ns1.mesos.",
                 "Masters": [
                  "10.0.0.10:5050"
                 ],
                 "ZoneResolvers": {
                  "alpha.example": [
                   "10.8.8.8:5353"
                  ],
                  "zeta.example": [
                   "10.9.9.9"
                  ]
                 },
                 "Resolvers": [
                  "8.8.8.8",
                  "1.1.1.1:53"
                 ],
                 "IPSources": [
                  "netinfo",
                  "mesos",
                  "host"
                 ],
                 "Zk": "",
                 "Domain": "mesos",
                 "File": "/etc/mesos-dns/config.json",
                 "Listener": "127.0.0.1",
                 "HTTPListener": "127.0.0.1",
                 "RecurseOn": true,
                 "DnsOn": true,
                 "HttpOn": true,
                 "ExternalOn": true,
                 "EnforceRFC952": false,
                 "SetTruncateBit": true,
                 "EnumerationOn": true,
                 "MesosHTTPSOn": false,
                 "CACertFile": "",
                 "CertFile": "",
                 "KeyFile": "",
                 "MesosCredentials": {
                  "Principal": "lodestar",
                  "Secret": "******"
                 },
                 "IAMConfigFile": "",
                 "MesosAuthentication": ""
                }""");
    }

    @Test
    void hostsListsAThenAaaaValuesUnderTheNormalisedName() {
        HttpResponse<String> r = http.get("/v1/hosts/web.marathon.mesos");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("""
                [
                 {
                  "host": "web.marathon.mesos.",
                  "ip": "10.0.0.1"
                 },
                 {
                  "host": "web.marathon.mesos.",
                  "ip": "10.0.0.2"
                 }
                ]""");
        assertThat(json("/v1/hosts/both.marathon.slave.mesos.")).isEqualTo(json("""
                [{"host": "both.marathon.slave.mesos.", "ip": "10.0.1.3"},
                 {"host": "both.marathon.slave.mesos.", "ip": "fd00::3"}]"""));
    }

    @Test
    void hostsIgnoresCaseAndDropsWildcardLabels() {
        assertThat(json("/v1/hosts/WEB.Marathon.MESOS.")).isEqualTo(json("/v1/hosts/web.marathon.mesos"));
        assertThat(json("/v1/hosts/web.*.marathon.mesos")).isEqualTo(json("/v1/hosts/web.marathon.mesos"));
    }

    @Test
    void anUnknownHostIsOneEmptyObjectWithStatus200() {
        HttpResponse<String> r = http.get("/v1/hosts/missing.marathon.mesos");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("""
                [
                 {
                  "host": "",
                  "ip": ""
                 }
                ]""");
        assertThat(json("/v1/hosts/example.com")).as("no forwarding").isEqualTo(json("[{\"host\":\"\",\"ip\":\"\"}]"));
    }

    @Test
    void servicesGivesOneEntryPerAddressFamilyOfEachTargetAndEchoesTheParameter() {
        HttpResponse<String> r = http.get("/v1/services/_web._tcp.marathon.mesos");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("""
                [
                 {
                  "service": "_web._tcp.marathon.mesos",
                  "host": "web-a1-s1.marathon.slave.mesos.",
                  "ip": "10.0.1.1",
                  "port": "31000"
                 },
                 {
                  "service": "_web._tcp.marathon.mesos",
                  "host": "web-b2-s2.marathon.slave.mesos.",
                  "ip": "fd00::2",
                  "port": "31001"
                 },
                 {
                  "service": "_web._tcp.marathon.mesos",
                  "host": "both.marathon.slave.mesos.",
                  "ip": "10.0.1.3",
                  "port": "31003"
                 },
                 {
                  "service": "_web._tcp.marathon.mesos",
                  "host": "both.marathon.slave.mesos.",
                  "ip": "fd00::3",
                  "port": "31003"
                 }
                ]""");
        assertThat(json("/v1/services/_web._tcp.marathon.mesos.").get(0).get("service").asText())
                .as("echoed as given, trailing dot and all").isEqualTo("_web._tcp.marathon.mesos.");
    }

    @Test
    void anUnknownServiceIsOneEmptyObjectWithStatus200() {
        HttpResponse<String> r = http.get("/v1/services/_missing._tcp.marathon.mesos.");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body())).isEqualTo(json("[{\"service\":\"\",\"host\":\"\",\"ip\":\"\",\"port\":\"\"}]"));
    }

    @Test
    void axfrHasTheSoaFieldsAndEveryRecordByTypeWithSortedOwners() {
        HttpResponse<String> r = http.get("/v1/axfr");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("""
                {
                 "TTL": 60,
                 "Serial": 1700000000,
                 "RefreshSeconds": 60,
                 "Mname": "ns1.mesos.",
                 "Rname": "root.ns1.mesos.",
                 "Domain": "mesos",
                 "Records": {
                  "As": {
                   "both.marathon.slave.mesos.": [
                    "10.0.1.3"
                   ],
                   "leader.mesos.": [
                    "10.0.0.10"
                   ],
                   "web-a1-s1.marathon.slave.mesos.": [
                    "10.0.1.1"
                   ],
                   "web.marathon.mesos.": [
                    "10.0.0.1",
                    "10.0.0.2"
                   ]
                  },
                  "AAAAs": {
                   "both.marathon.slave.mesos.": [
                    "fd00::3"
                   ],
                   "v6.marathon.mesos.": [
                    "fd00::1"
                   ],
                   "web-b2-s2.marathon.slave.mesos.": [
                    "fd00::2"
                   ]
                  },
                  "SRVs": {
                   "_web._tcp.marathon.mesos.": [
                    "web-a1-s1.marathon.slave.mesos.:31000",
                    "web-b2-s2.marathon.slave.mesos.:31001",
                    "nowhere.marathon.slave.mesos.:31002",
                    "both.marathon.slave.mesos.:31003"
                   ]
                  }
                 }
                }""");
    }

    @Test
    void enumerateListsFrameworksTasksAndTheirRecordsWithEmptyListsNotNull() {
        HttpResponse<String> r = http.get("/v1/enumerate/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("""
                {
                 "frameworks": [
                  {
                   "tasks": [
                    {
                     "name": "web",
                     "id": "web.1",
                     "records": [
                      {
                       "name": "web.marathon.mesos.",
                       "host": "10.0.0.1",
                       "rtype": "A"
                      },
                      {
                       "name": "_web._tcp.marathon.mesos.",
                       "host": "web-a1-s1.marathon.slave.mesos.:31000",
                       "rtype": "SRV"
                      }
                     ]
                    },
                    {
                     "name": "v6",
                     "id": "v6.1",
                     "records": []
                    }
                   ],
                   "name": "marathon"
                  },
                  {
                   "tasks": [],
                   "name": "idle"
                  }
                 ]
                }""");
    }

    @Test
    void hostsAndServicesLookupsAreCountedByResult() {
        String before = http.metrics.scrape();

        http.get("/v1/hosts/web.marathon.mesos");
        http.get("/v1/hosts/v6.marathon.mesos");
        http.get("/v1/hosts/example.com");
        http.get("/v1/services/_web._tcp.marathon.mesos");

        String after = http.metrics.scrape();
        assertThat(delta(before, after, "lodestar_http_lookups_total{endpoint=\"hosts\",result=\"hit\"}")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_http_lookups_total{endpoint=\"hosts\",result=\"miss\"}"))
                .as("AAAA only: a miss, as upstream counts it").isEqualTo(1);
        assertThat(delta(before, after, "lodestar_http_lookups_total{endpoint=\"hosts\",result=\"outside_domain\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "lodestar_http_lookups_total{endpoint=\"services\",result=\"hit\"}"))
                .isEqualTo(1);
    }

    private static double delta(String before, String after, String series) {
        return PrometheusText.value(after, series) - PrometheusText.value(before, series);
    }

    private JsonNode json(String pathOrJson) {
        try {
            String body = pathOrJson.startsWith("/") ? http.get(pathOrJson).body() : pathOrJson;
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void emptyMastersAreNullAsUpstreamWritesThem() {
        try (HttpFixture other = new HttpFixture(HttpFixture.config().masters(List.of()).build())) {
            assertThat(other.get("/v1/config").body()).contains("\n \"Masters\": null,\n");
        }
    }
}
