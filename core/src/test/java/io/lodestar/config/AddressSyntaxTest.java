package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** host:port splitting with Go's results and error texts, and IP literals without lookups. */
class AddressSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1:5050        | 10.0.0.1       | 5050",
        "[2001:db8::1]:5050   | 2001:db8::1    | 5050",
        "master.example:http  | master.example | http",
        ":5050                | ''             | 5050",
        "host:                | host           | ''",
        "[]:53                | ''             | 53"})
    void splitsLikeGo(String hostPort, String host, String port) {
        assertThat(AddressSyntax.split(hostPort)).isEqualTo(new AddressSyntax.Split(host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1             | address 10.0.0.1: missing port in address",
        "2001:db8::1          | address 2001:db8::1: too many colons in address",
        "[2001:db8::1         | address [2001:db8::1: missing ']' in address",
        "[2001:db8::1]        | address [2001:db8::1]: missing port in address",
        "[2001:db8::1]x:53    | address [2001:db8::1]x:53: missing port in address",
        "[2001:db8::1]:53:54  | address [2001:db8::1]:53:54: too many colons in address",
        "a[b:53               | address a[b:53: unexpected '[' in address",
        "a]:53                | address a]:53: unexpected ']' in address"})
    void rejectsWithGosText(String hostPort, String message) {
        assertThatThrownBy(() -> AddressSyntax.split(hostPort)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "53, 53", "05050, 5050", "65535, 65535", "0, -1", "65536, -1", "'', -1", "+53, -1",
        "5x, -1", "000000000000053, 53"})
    void portsAreDecimal1To65535(String text, int port) {
        assertThat(AddressSyntax.port(text)).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1, 10.0.0.1", "::1, ::1", "2001:db8:0:0::1, 2001:db8::1", "::ffff:10.0.0.1, 10.0.0.1",
        "0.0.0.0, 0.0.0.0", ":: , ::"})
    void ipLiteralsHaveACanonicalForm(String text, String canonical) {
        assertThat(AddressSyntax.canonicalIp(text)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "1.2.3.4.5", "256.1.1.1", "[::1]", "fe80::1%eth0", "10.0.0.1:53",
        "2001:db8::g"})
    void anythingElseIsNotAnIpLiteral(String text) {
        assertThat(AddressSyntax.ipLiteral(text)).isNull();
    }
}
