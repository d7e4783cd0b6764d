package io.lodestar.server.mesos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lodestar.config.Config;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.scheduler.Schedulers;

/** Authentication (Basic, IAM with a cached token) and TLS (test CA, system trust store, insecure, client certificate). */
class MasterAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "/acs/api/v1/auth/login";
    private static final String PASSWORD = "lodestar";

    @TempDir
    Path dir;
    private WireMockServer master;
    private MasterClient client;

    static Path tls(String name) {
        try {
            return Path.of(MasterAccessTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (master != null) {
            master.stop();
        }
    }

    private void startHttp() {
        master = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        master.start();
    }

    private void startHttps(boolean needClientAuth) {
        WireMockConfiguration options = WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1").keystorePath(tls("master.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD);
        if (needClientAuth) {
            options.needClientAuth(true).trustStorePath(tls("ca-truststore.p12").toString()).trustStoreType("PKCS12")
                    .trustStorePassword(PASSWORD);
        }
        master = new WireMockServer(options);
        master.start();
    }

    private String address() {
        return "127.0.0.1:" + (master.isHttpsEnabled() ? master.httpsPort() : master.port());
    }

    private void serveState() {
        master.stubFor(get("/master/state").willReturn(okJson(StateJson.leader(address()).text())));
    }

    private MasterClient.Fetched fetch(Config config, TestClock clock) throws Exception {
        if (client == null) {
            client = new MasterClient(config, Schedulers.boundedElastic(), Schedulers.parallel(), clock);
        }
        return client.fetchState(address()).block(Duration.ofSeconds(10));
    }

    @Test
    void basicAuthenticationSendsTheCredentials() throws Exception {
        startHttp();
        master.stubFor(get("/master/state").withBasicAuth("lodestar", "s3cret")
                .willReturn(okJson(StateJson.leader(address()).text())));
        Config config = Config.builder().stateTimeoutSeconds(5).mesosAuthentication("basic")
                .mesosCredentials(new Config.Credentials("lodestar", "s3cret")).build();

        assertThat(fetch(config, new TestClock(Instant.now())).master()).isEqualTo(address());
    }

    /** An IAM token whose {@code exp} claim is {@code expires} (the login endpoint's answer). */
    private static String token(Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"uid\":\"lodestar\",\"exp\":" + expires.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private Config iamConfig(String keyFile) throws Exception {
        String pem = Files.readString(tls(keyFile));
        Path iam = dir.resolve("iam.json");
        Files.write(iam, JSON.writeValueAsBytes(Map.of("uid", "lodestar", "private_key", pem,
                "login_endpoint", "http://" + address() + LOGIN)));
        return Config.builder().stateTimeoutSeconds(5).mesosAuthentication("iam").iamConfigFile(iam.toString()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iam-pkcs1.pem", "iam-pkcs8.pem"})
    void iamLogsInWithASignedJwtAndKeepsTheTokenUntilCloseToItsExpiry(String keyFile) throws Exception {
        startHttp();
        TestClock clock = new TestClock(Instant.now());
        String token = token(clock.instant().plus(Duration.ofHours(1)));
        master.stubFor(post(LOGIN).willReturn(okJson("{\"token\":\"" + token + "\"}")));
        master.stubFor(get("/master/state").withHeader("Authorization", equalTo("token=" + token))
                .willReturn(okJson(StateJson.leader(address()).text())));
        Config config = iamConfig(keyFile);

        fetch(config, clock);
        fetch(config, clock);
        clock.advance(Duration.ofMinutes(50));
        fetch(config, clock);
        master.verify(1, postRequestedFor(urlEqualTo(LOGIN)));

        clock.advance(Duration.ofMinutes(6)); // 4 minutes before expiry: log in again
        fetch(config, clock);
        master.verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        master.verify(4, getRequestedFor(urlEqualTo("/master/state")));

        // The login JWT is RS256 over the uid and an expiry, signed with the service account's key.
        JsonNode login = JSON.readTree(master.findAll(postRequestedFor(urlEqualTo(LOGIN))).get(0).getBody());
        assertThat(login.path("uid").asText()).isEqualTo("lodestar");
        String[] jwt = login.path("token").asText().split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("uid").asText()).isEqualTo("lodestar");
        assertThat(claims.path("exp").asLong()).isGreaterThan(clock.instant().getEpochSecond());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void aRefusedTokenIsDroppedAndAFailedLoginIsAnAuthenticationFailure() throws Exception {
        startHttp();
        TestClock clock = new TestClock(Instant.now());
        master.stubFor(post(LOGIN).willReturn(okJson("{\"token\":\"opaque\"}")));
        master.stubFor(get("/master/state").willReturn(aResponse().withStatus(401)));
        Config config = iamConfig("iam-pkcs8.pem");

        assertThatThrownBy(() -> fetch(config, clock)).satisfies(e -> assertThat(FailureReason.of(e))
                .isEqualTo(FailureReason.AUTHENTICATION));
        assertThatThrownBy(() -> fetch(config, clock)).isNotNull();
        master.verify(2, postRequestedFor(urlEqualTo(LOGIN)));

        master.stubFor(post(LOGIN).willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> fetch(config, clock)).satisfies(e -> assertThat(e).hasMessageContaining(
                "IAM authentication failed"));
        assertThat(IamTokenCache.expiry("opaque")).isNull();
    }

    @Test
    void httpsVerifiesTheMasterAgainstTheConfiguredCa() throws Exception {
        startHttps(false);
        serveState();
        Config config = Config.builder().stateTimeoutSeconds(5).mesosHttpsOn(true)
                .caCertFile(tls("ca.pem").toString()).build();

        assertThat(fetch(config, new TestClock(Instant.now())).master()).isEqualTo(address());
    }

    @Test
    void withoutACaFileTheSystemTrustStoreRejectsAnUnknownCa() throws Exception {
        startHttps(false);
        serveState();
        Config config = Config.builder().stateTimeoutSeconds(5).mesosHttpsOn(true).build();

        assertThatThrownBy(() -> fetch(config, new TestClock(Instant.now())))
                .satisfies(e -> assertThat(FailureReason.of(e)).isEqualTo(FailureReason.TLS));
    }

    @Test
    void verificationIsOffOnlyWhenAskedFor() throws Exception {
        startHttps(false);
        serveState();
        Config config = Config.builder().stateTimeoutSeconds(5).mesosHttpsOn(true).mesosHttpsInsecure(true).build();

        assertThat(fetch(config, new TestClock(Instant.now())).master()).isEqualTo(address());
    }

    @Test
    void aClientCertificateIsPresentedWhenConfigured() throws Exception {
        startHttps(true);
        serveState();
        Config config = Config.builder().stateTimeoutSeconds(5).mesosHttpsOn(true).caCertFile(tls("ca.pem").toString())
                .certFile(tls("client.pem").toString()).keyFile(tls("client-key.pem").toString()).build();

        assertThat(fetch(config, new TestClock(Instant.now())).master()).isEqualTo(address());
    }

    private static PublicKey publicKey() throws Exception {
        String pem = Files.readString(tls("iam-public.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
