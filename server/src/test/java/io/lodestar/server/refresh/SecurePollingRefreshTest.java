package io.lodestar.server.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import io.lodestar.dns.SnapshotHolder;
import io.lodestar.server.dns.BlockHoundSupport;
import io.lodestar.server.mesos.FailureReason;
import io.lodestar.server.mesos.StateJson;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A master over HTTPS (test CA) with HTTP Basic authentication, wired by {@link LiveRefresh}: refused credentials
 * are an authentication failure, and the DNS answers of the last good snapshot keep coming.
 */
class SecurePollingRefreshTest {
    private static final String WEB = "web.marathon.mesos.";
    private static final String PASSWORD = "lodestar";

    private WireMockServer master;
    private DnsProbe dns;
    private LiveRefresh live;

    private static String tls(String name) {
        try {
            return Path.of(SecurePollingRefreshTest.class.getResource("/tls/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (master != null) {
            master.stop();
        }
    }

    private void serve(String user, String ip) {
        master.stubFor(get("/master/state").withBasicAuth(user, "s3cret").willReturn(okJson(
                StateJson.leader("127.0.0.1:" + master.httpsPort()).agent("a1", "10.0.1.1")
                        .task("marathon", "web", "a1", ip).text())));
    }

    @Test
    void refusedCredentialsKeepTheLastAnswersOverHttps() throws Exception {
        BlockHoundSupport.install();
        master = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1").keystorePath(tls("master.p12")).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        master.start();
        master.stubFor(get("/master/state").willReturn(aResponse().withStatus(401)));
        serve("lodestar", "10.8.0.1");
        Config config = Config.builder().masters(List.of("127.0.0.1:" + master.httpsPort())).refreshSeconds(1)
                .stateTimeoutSeconds(5).listener("127.0.0.1").mesosHttpsOn(true).caCertFile(tls("ca.pem"))
                .mesosAuthentication("basic").mesosCredentials(new Config.Credentials("lodestar", "s3cret")).build();
        SnapshotHolder holder = new SnapshotHolder();
        dns = new DnsProbe(config, holder);
        live = LiveRefresh.create(config, holder);
        live.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> dns.a(WEB).equals(List.of("10.8.0.1")));

        master.resetAll();
        master.stubFor(get("/master/state").willReturn(aResponse().withStatus(401)));
        serve("someone-else", "10.8.0.2");
        await().atMost(Duration.ofSeconds(20)).until(() -> live.refresher().failures()
                .count(FailureReason.AUTHENTICATION) >= 1);
        assertThat(dns.a(WEB)).containsExactly("10.8.0.1");
        assertThat(live.refresher().status().failure()).isEqualTo(FailureReason.AUTHENTICATION);
        assertThat(dns.errors()).isZero();
    }
}
