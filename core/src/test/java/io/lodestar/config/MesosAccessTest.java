package io.lodestar.config;

import static io.lodestar.config.JsonKind.quote;
import static io.lodestar.config.TestConfigs.failure;
import static io.lodestar.config.TestConfigs.parse;
import static io.lodestar.config.TestConfigs.withMaster;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS files and authentication for fetching state from Mesos (spec 2.2 and 4.4). */
class MesosAccessTest {
    private static final String IAM_EXPECTED =
            " (expected a JSON object with non-empty uid, private_key and login_endpoint)";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path fixture(String name) throws Exception {
        return Path.of(getClass().getResource("/config/" + name).toURI());
    }

    private String tls(Path ca, Path cert, Path key) {
        return withMaster("\"mesosHTTPSOn\":true,\"caCertFile\":" + quote(ca.toString()) + ",\"certFile\":"
                + quote(cert.toString()) + ",\"keyFile\":" + quote(key.toString()));
    }

    @Test
    void readablePemFilesAreAccepted() throws Exception {
        Path ca = fixture("ca.pem");
        Path cert = fixture("client.pem");
        Path key = fixture("client-key.pem");
        Config config = parse(dir, tls(ca, cert, key));
        assertThat(config.caCertFile()).isEqualTo(ca.toString());
        assertThat(config.certFile()).isEqualTo(cert.toString());
        assertThat(config.keyFile()).isEqualTo(key.toString());
    }

    @Test
    void anUnreadableCaFileIsRejected() throws Exception {
        Path missing = dir.resolve("missing-ca.pem");
        assertThat(failure(dir, withMaster("\"caCertFile\":" + quote(missing.toString()))))
                .hasMessage("caCertFile: CACertFile open failed: " + missing + ": no such file or directory"
                        + " (expected a readable PEM file)");
    }

    @Test
    void aCaFileWithoutACertificateIsRejected() throws Exception {
        Path notPem = file("ca.pem", "just text\n");
        assertThat(failure(dir, withMaster("\"caCertFile\":" + quote(notPem.toString()))))
                .hasMessage("caCertFile: CACertFile parsing failed: " + notPem + " holds no PEM certificate"
                        + " (expected a -----BEGIN CERTIFICATE----- block)");
    }

    @Test
    void aCertificateWithoutAKeyIsRejected() throws Exception {
        assertThat(failure(dir, withMaster("\"certFile\":" + quote(fixture("client.pem").toString()))))
                .hasMessage("keyFile: Missing private key (expected keyFile when certFile is set)");
    }

    @Test
    void aKeyWithoutACertificateIsRejected() throws Exception {
        assertThat(failure(dir, withMaster("\"keyFile\":" + quote(fixture("client-key.pem").toString()))))
                .hasMessage("certFile: Missing certificate (expected certFile when keyFile is set)");
    }

    @Test
    void anUnreadableCertificateIsRejected() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThat(failure(dir, tls(fixture("ca.pem"), missing, fixture("client-key.pem"))))
                .hasMessage("certFile: cannot read " + missing + ": no such file or directory"
                        + " (expected a readable PEM file)");
    }

    @Test
    void aDirectoryIsNotACertificate() throws Exception {
        assertThat(failure(dir, tls(fixture("ca.pem"), dir, fixture("client-key.pem"))))
                .hasMessage("certFile: cannot read " + dir + ": Is a directory (expected a readable PEM file)");
    }

    @Test
    void swappedCertificateAndKeyAreRejected() throws Exception {
        Path cert = fixture("client.pem");
        Path key = fixture("client-key.pem");
        assertThat(failure(dir, tls(fixture("ca.pem"), key, cert)))
                .hasMessage("certFile: " + key + " holds no PEM certificate"
                        + " (expected a -----BEGIN CERTIFICATE----- block)");
    }

    @Test
    void aKeyFileWithoutAKeyIsRejected() throws Exception {
        Path cert = fixture("client.pem");
        assertThat(failure(dir, tls(fixture("ca.pem"), cert, cert)))
                .hasMessage("keyFile: " + cert + " holds no PEM private key"
                        + " (expected a -----BEGIN ... PRIVATE KEY----- block)");
    }

    @Test
    void basicAuthenticationAcceptsAPrincipalAlone() throws Exception {
        Config config = parse(dir, withMaster("\"mesosAuthentication\":\"basic\","
                + "\"mesosCredentials\":{\"principal\":\"dns\"}"));
        assertThat(config.mesosCredentials()).isEqualTo(new Config.Credentials("dns", ""));
    }

    @Test
    void credentialsOrAnIamFileWithoutAuthenticationAreWarnedAbout() throws Exception {
        List<String> warnings = new ArrayList<>();
        parse(dir, withMaster("\"mesosCredentials\":{\"principal\":\"dns\",\"secret\":\"s\"},"
                + "\"IAMConfigFile\":\"/nowhere/iam.json\""), warnings);
        assertThat(warnings).containsExactly(
                "mesosCredentials is set but mesosAuthentication is \"\" (none): the credentials are not used",
                "IAMConfigFile is set but mesosAuthentication is \"\" (none): the file is not used");
    }

    private String iam(Path file) {
        return withMaster("\"mesosAuthentication\":\"iam\",\"IAMConfigFile\":" + quote(file.toString()));
    }

    @Test
    void aCompleteIamFileIsAccepted() throws Exception {
        Path iam = fixture("iam.json");
        assertThat(parse(dir, iam(iam)).iamConfigFile()).isEqualTo(iam.toString());
    }

    @Test
    void aMissingIamFileIsRejected() {
        Path missing = dir.resolve("iam.json");
        assertThat(failure(dir, iam(missing))).hasMessage("IAMConfigFile: cannot read " + missing
                + ": no such file or directory (expected a readable IAM JSON file)");
    }

    @Test
    void anIamFileThatIsNotJsonIsRejectedWithoutQuotingIt() throws Exception {
        Path iam = file("iam.json", "{\"uid\": \"dns\", \"private_key\": MIIEvQIBADANBgkq}");
        assertThat(failure(dir, iam(iam))).hasMessage("IAMConfigFile: invalid IAM JSON: " + iam
                + " is not valid JSON at line 1, column 48" + IAM_EXPECTED);
    }

    @Test
    void anIamFileThatIsNotAnObjectIsRejected() throws Exception {
        Path iam = file("iam.json", "[]");
        assertThat(failure(dir, iam(iam))).hasMessage("IAMConfigFile: invalid IAM JSON: " + iam
                + " is not a JSON object" + IAM_EXPECTED);
    }

    @Test
    void anIamFileWithoutAPrivateKeyIsRejected() throws Exception {
        Path iam = file("iam.json", "{\"uid\":\"dns\",\"private_key\":\"\",\"login_endpoint\":\"https://a/l\"}");
        assertThat(failure(dir, iam(iam))).hasMessage("IAMConfigFile: invalid HTTP IAM configuration: private_key"
                + " is missing or empty in " + iam + IAM_EXPECTED);
    }

    @Test
    void anIamFileWithoutAUidIsRejected() throws Exception {
        Path iam = file("iam.json", "{\"private_key\":\"k\",\"login_endpoint\":\"https://a/l\"}");
        assertThat(failure(dir, iam(iam))).hasMessage("IAMConfigFile: invalid HTTP IAM configuration: uid"
                + " is missing or empty in " + iam + IAM_EXPECTED);
    }

    @Test
    void anIamLoginEndpointThatIsNotAnHttpUrlIsRejected() throws Exception {
        Path iam = file("iam.json", "{\"uid\":\"dns\",\"private_key\":\"k\",\"login_endpoint\":\"login server\"}");
        assertThat(failure(dir, iam(iam))).hasMessage("IAMConfigFile: invalid HTTP IAM configuration:"
                + " login_endpoint \"login server\" in " + iam + " is not a URL (expected an absolute http or https URL)");
    }
}
