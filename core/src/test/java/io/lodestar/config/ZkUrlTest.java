package io.lodestar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The zk:// URL: hosts and path for a ZooKeeper client, never showing credentials. */
class ZkUrlTest {

    @Test
    void hostsAndPathAreSplitOut() throws ConfigException {
        ZkUrl url = ZkUrl.parse("zk://10.0.0.1:2181,zk2.example:2181,[2001:db8::1]:2181/mesos/dc1");
        assertThat(url.hosts()).containsExactly("10.0.0.1:2181", "zk2.example:2181", "[2001:db8::1]:2181");
        assertThat(url.connectString()).isEqualTo("10.0.0.1:2181,zk2.example:2181,[2001:db8::1]:2181");
        assertThat(url.path()).isEqualTo("/mesos/dc1");
        assertThat(url).hasToString("zk://10.0.0.1:2181,zk2.example:2181,[2001:db8::1]:2181/mesos/dc1");
    }

    @Test
    void userInformationIsDropped() throws ConfigException {
        ZkUrl url = ZkUrl.parse("zk://jdoe:pa55@word@10.0.0.1:2181/mesos");
        assertThat(url).isEqualTo(new ZkUrl(List.of("10.0.0.1:2181"), "/mesos"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk://u:pw@h:2181/mesos   | zk://h:2181/mesos",
        "zk://h:2181/me@sos       | zk://h:2181/me@sos",
        "http://u:pw@h            | http://h",
        "u:pw@h:2181              | u:pw@h:2181"})
    void userInformationIsOnlyWhatPrecedesTheHost(String url, String without) {
        assertThat(ZkUrl.withoutUserInfo(url)).isEqualTo(without);
    }

    @Test
    void aBadUrlIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> ZkUrl.parse("zk://jdoe:pa55@10.0.0.1/mesos"))
                .hasMessage("zk: illegal host:port specified: \"10.0.0.1\" in \"zk://10.0.0.1/mesos\""
                        + " (expected zk://host:port[,host:port...]/path)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk://h:2181//mesos      | has an invalid path \"//mesos\"",
        "zk://h:2181/mesos/      | has an invalid path \"/mesos/\"",
        "zk://h:2181,/mesos      | ",
        "zk://:2181/mesos        | ",
        "zk://h:0/mesos          | "})
    void malformedUrlsAreRejected(String url, String detail) {
        assertThatThrownBy(() -> ZkUrl.parse(url))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("zk: ")
                .hasMessageContaining(detail == null ? "illegal host:port specified" : detail);
    }
}
