package io.lodestar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @Test
    void defaultsFollowMesosDns() throws Exception {
        Cli cli = Cli.parse();
        assertThat(cli.command()).isEqualTo("serve");
        assertThat(cli.config()).isEqualTo("config.json");
        assertThat(cli.configGiven()).isFalse();
        assertThat(cli.verbosity()).isZero();
        assertThat(cli.version()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-config=/etc/x.json", "--config=/etc/x.json", "-config /etc/x.json", "--config /etc/x.json"})
    void goStyleFlagForms(String args) throws Exception {
        Cli cli = Cli.parse(args.split(" "));
        assertThat(cli.config()).isEqualTo("/etc/x.json");
        assertThat(cli.configGiven()).isTrue();
    }

    @Test
    void subcommandFlagsAndBooleans() throws Exception {
        Cli cli = Cli.parse("zone", "-config", "c.json", "-state=s.json", "-v=2", "-version=false", "--demo");
        assertThat(cli).isEqualTo(new Cli("zone", "c.json", true, "s.json", false, 2, true, false, "text"));
        assertThat(Cli.parse("-logformat=json").logFormat()).isEqualTo("json");
        assertThat(Cli.parse("zone", "-zone", "thisdcos.directory").zone()).isEqualTo("thisdcos.directory");
        assertThat(cli.zone()).isEmpty();
        assertThat(Cli.parse("-v", "1", "-logtostderr", "-log_dir=/tmp").verbosity()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-nope", "--nope=1", "-", "-v", "-v=x", "-v=-1", "-version=maybe", "-logformat=xml", "frobnicate", "zone zone", "-config"})
    void badCommandLinesAreUsageErrors(String args) {
        assertThatThrownBy(() -> Cli.parse(args.split(" "))).isInstanceOf(Cli.UsageException.class);
    }

    @Test
    void unknownFlagMessageNamesTheFlagLikeGo() {
        assertThatThrownBy(() -> Cli.parse("-nope")).hasMessage("flag provided but not defined: -nope");
    }
}
