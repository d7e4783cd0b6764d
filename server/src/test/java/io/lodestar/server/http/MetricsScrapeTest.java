package io.lodestar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.dns.QueryProcessor;
import io.lodestar.server.dns.DnsClient;
import io.lodestar.server.dns.DnsServer;
import io.lodestar.server.http.PrometheusText.Sample;
import io.lodestar.server.metrics.QueryStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Scrapes {@code /metrics} of a running HTTP API next to a running DNS server: the names and labels of every
 * Lodestar meter, bounded label values, the JVM and process meters, and counters that move after real queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTest {
    private static final Pattern DOCUMENTED = Pattern.compile("`(lodestar_[a-z_]+)[`{]");
    private FakeUpstream upstream;
    private int deadPort;
    private HttpFixture http;
    private DnsServer dns;
    private InetSocketAddress udp;
    private InetSocketAddress tcp;

    @BeforeAll
    void start() throws Exception {
        upstream = new FakeUpstream();
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort(); // free again once closed: nothing answers there
        }
        // The dead upstream first: the forwarder tries it, times out, then asks the live one.
        http = new HttpFixture(HttpFixture.config().forwardTimeoutSeconds(0.2)
                .resolvers(List.of("127.0.0.1:" + deadPort, upstream.entry())).zoneResolvers(Map.of()).build());
        http.publish(HttpFixture.records());
        http.confirmed(HttpFixture.NOW, HttpFixture.NOW);
        dns = new DnsServer(http.config, new QueryProcessor(http.holder, http.config), 1, true,
                http.metrics.queryStats());
        http.metrics.bindDns(dns);
        dns.start();
        udp = dns.udpAddress();
        tcp = dns.tcpAddress();
    }

    @AfterAll
    void stop() {
        if (dns != null) {
            dns.close();
        }
        http.close();
        upstream.close();
    }

    @Test
    void countersMoveAfterRealQueries() throws IOException {
        String before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(DnsClient.udp(udp, DnsClient.query("web.marathon.mesos.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);
        }
        assertThat(DnsClient.udp(udp, DnsClient.query("missing.marathon.mesos.", Type.A)).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
        DnsClient.udp(udp, DnsClient.query("web.marathon.mesos.", Type.NAPTR));
        DnsClient.tcp(tcp, DnsClient.query("_web._tcp.marathon.mesos.", Type.SRV));
        byte[] malformed = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f};
        DnsClient.udp(udp, malformed);

        String after = scrape();
        assertThat(delta(before, after, "lodestar_dns_requests_total{protocol=\"udp\",qtype=\"A\"}")).isEqualTo(4);
        assertThat(delta(before, after, "lodestar_dns_requests_total{protocol=\"udp\",qtype=\"other\"}"))
                .as("NAPTR is not on the allow-list; the malformed query has no type").isEqualTo(2);
        assertThat(delta(before, after, "lodestar_dns_requests_total{protocol=\"tcp\",qtype=\"SRV\"}")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_responses_total{protocol=\"udp\",rcode=\"NOERROR\"}"))
                .isEqualTo(4);
        assertThat(delta(before, after, "lodestar_dns_responses_total{protocol=\"udp\",rcode=\"NXDOMAIN\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_responses_total{protocol=\"udp\",rcode=\"FORMERR\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_malformed_total")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_request_duration_seconds_count{protocol=\"udp\"}"))
                .isEqualTo(6);
        assertThat(delta(before, after, "lodestar_dns_request_duration_seconds_count{protocol=\"tcp\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_tcp_connections_total")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_http_requests_total{route=\"metrics\",status=\"2xx\"}"))
                .as("the first scrape").isEqualTo(1);
    }

    @Test
    void forwardingCountsRequestsAndEachUpstreamsAnswersAndFailures() throws IOException {
        String dead = "upstream=\"127.0.0.1:" + deadPort + "\"";
        String live = "upstream=\"" + upstream.entry() + "\"";
        String before = scrape();

        org.xbill.DNS.Message reply = DnsClient.udp(udp, DnsClient.query("outside.example.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString())
                .isEqualTo(FakeUpstream.ADDRESS);
        String after = scrape();
        assertThat(delta(before, after, "lodestar_forward_requests_total")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_relayed_total")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_failures_total{reason=\"timeout\"}")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_upstream_failures_total{" + dead + "}")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_upstream_answers_total{" + live + "}")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_duration_seconds_count{" + live + "}"))
                .as("one reply accepted from the live upstream").isEqualTo(1);
        assertThat(delta(before, after, "lodestar_forward_duration_seconds_sum{" + live + "}")).isPositive();
        assertThat(delta(before, after, "lodestar_forward_duration_seconds_count{" + dead + "}"))
                .as("a timed-out attempt is not timed").isZero();
        assertThat(PrometheusText.value(after, "lodestar_forward_upstream_up{" + dead + "}")).isZero();
        assertThat(PrometheusText.value(after, "lodestar_forward_upstream_up{" + live + "}")).isEqualTo(1);
        assertThat(PrometheusText.value(after, "lodestar_forward_in_flight")).isZero();
        assertThat(delta(before, after, "lodestar_dns_outside_zone_total")).isEqualTo(1);
        assertThat(delta(before, after, "lodestar_dns_requests_total{protocol=\"udp\",qtype=\"A\"}")).isEqualTo(1);
    }

    @Test
    void theLatencyHistogramHasCumulativeBucketsUpToInf() {
        List<Sample> buckets = PrometheusText.parse(scrape()).stream()
                .filter(s -> s.name().equals("lodestar_dns_request_duration_seconds_bucket"))
                .filter(s -> s.labels().get("protocol").equals("udp")).toList();

        assertThat(buckets).hasSize(15);
        assertThat(buckets.get(0).labels()).containsEntry("le", "5.0E-6");
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
    }

    @Test
    void snapshotAndReadinessGaugesDescribeTheServedZone() {
        String text = scrape();

        assertThat(PrometheusText.value(text, "lodestar_snapshot_records{type=\"A\"}")).isEqualTo(5);
        assertThat(PrometheusText.value(text, "lodestar_snapshot_records{type=\"AAAA\"}")).isEqualTo(3);
        assertThat(PrometheusText.value(text, "lodestar_snapshot_records{type=\"SRV\"}")).isEqualTo(4);
        assertThat(PrometheusText.value(text, "lodestar_snapshot_serial")).isEqualTo(HttpFixture.SERIAL);
        assertThat(PrometheusText.value(text, "lodestar_snapshot_age_seconds")).isZero();
        assertThat(PrometheusText.value(text, "lodestar_ready")).isEqualTo(1);
    }

    @Test
    void labelValuesComeFromFixedListsOnly() {
        Map<String, Set<String>> allowed = Map.of(
                "protocol", Set.copyOf(QueryStats.PROTOCOLS),
                "qtype", Set.copyOf(QueryStats.QTYPES),
                "rcode", Set.copyOf(QueryStats.RCODES),
                "status", Set.of("2xx", "3xx", "4xx", "5xx"),
                "type", Set.of("A", "AAAA", "SRV"),
                "endpoint", Set.of("hosts", "services"),
                "reason", Set.of("timeout", "error", "error_rcode"),
                "result", Set.of("hit", "miss", "outside_domain"));
        for (Sample s : PrometheusText.parse(scrape())) {
            if (!s.name().startsWith("lodestar_")) {
                continue;
            }
            s.labels().forEach((label, value) -> {
                assertThat(value).as("%s %s", s.name(), label).doesNotContain("marathon", "example");
                if (label.equals("upstream")) {
                    assertThat(value).as("an upstream from the configuration")
                            .isIn("127.0.0.1:" + deadPort, upstream.entry());
                }
                if (allowed.containsKey(label)) {
                    assertThat(allowed.get(label)).as("%s %s", s.name(), label).contains(value);
                }
            });
        }
    }

    @Test
    void theJvmAndProcessMetersAreThere() {
        HttpResponse<String> r = http.get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Set<String> names = PrometheusText.parse(r.body()).stream().map(Sample::name).collect(Collectors.toSet());
        assertThat(names).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count",
                "jvm_info", "lodestar_build_info");
    }

    @Test
    void docsMetricsMdListsEveryLodestarMetric() throws IOException {
        Set<String> documented = documentedNames();
        Set<String> scraped = PrometheusText.types(scrape()).keySet().stream()
                .filter(n -> n.startsWith("lodestar_")).collect(Collectors.toSet());

        assertThat(scraped).isNotEmpty();
        assertThat(documented).containsAll(scraped);
    }

    @Test
    void theGrafanaDashboardUsesDocumentedMetricsOnly() throws IOException {
        Set<String> documented = documentedNames();
        Matcher m = Pattern.compile("(lodestar_[a-z_]+)").matcher(
                Files.readString(Path.of("..", "docs", "grafana-dashboard.json")));
        Set<String> used = new java.util.HashSet<>();
        while (m.find()) {
            used.add(m.group(1).replaceFirst("_(bucket|sum|count)$", ""));
        }

        assertThat(used).contains("lodestar_dns_requests_total", "lodestar_dns_responses_total",
                "lodestar_dns_request_duration_seconds", "lodestar_snapshot_age_seconds");
        assertThat(documented).containsAll(used);
    }

    private static Set<String> documentedNames() throws IOException {
        // Surefire runs in the module directory.
        String text = Files.readString(Path.of("..", "docs", "metrics.md"));
        Matcher m = DOCUMENTED.matcher(text);
        Set<String> names = new java.util.HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String scrape() {
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static double delta(String before, String after, String series) {
        return PrometheusText.value(after, series) - PrometheusText.value(before, series);
    }
}
