package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LabelsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // input | RFC 1123 label | RFC 952 label | DomainFrag 1123 | DomainFrag 952   (spec 6.1; the RFC 952 label of the pod_ row, blank there, is hand-applied refill)
            "liquor.store | liquor-store | liquor-store | liquor.store | liquor.store",
            "chronos with a space AND MIXED CASE-2.0.1 | chronoswithaspaceandmixedcase-2-0-1 | chronoswithaspaceandmixe"
                    + " | chronoswithaspaceandmixedcase-2.0.1 | chronoswithaspaceandmixe",
            "pod_123$abc.marathon-0.6.0-dev.mesos | pod-123abc-marathon-0-6-0-dev-mesos | pod-123abc-marathon-0-60"
                    + " | pod-123abc.marathon-0.6.0-dev.mesos | pod-123abc.marathon-0.dev.mesos",
            "9to5 | 9to5 | to5 | 9to5 | to5",
            "___ | '' | '' | '' | ''",
            "My App (prod) | myappprod | myappprod | myappprod | myappprod",
    })
    void matchesTheSpecTable(String input, String l1123, String l952, String f1123, String f952) {
        assertThat(Labels.RFC1123.label(input)).isEqualTo(l1123);
        assertThat(Labels.RFC952.label(input)).isEqualTo(l952);
        assertThat(Labels.RFC1123.domainFrag(input)).isEqualTo(f1123);
        assertThat(Labels.RFC952.domainFrag(input)).isEqualTo(f952);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // The refill that upstream can end with '-' (QUIRK 8): the dash is trimmed here.
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa--b-cd"
                    + " | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
            // A cut that lands on dashes refills from after them.
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa--xyz"
                    + " | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "---leading-and-trailing--- | leading-and-trailing",
    })
    void neverEndsWithADash(String input, String expected) {
        assertThat(Labels.RFC1123.label(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Labels.class)
    void randomInputsGiveLegalIdempotentLabelsWithinTheLimit(Labels labels) {
        Random random = new Random(20261121L);
        String alphabet = "abcXYZ019-._ $@é\u4e2d/";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(90);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String label = labels.label(s.toString());

            assertThat(label.length()).as("length of label(%s)", s).isLessThanOrEqualTo(labels.maxLength());
            assertThat(label).as("label(%s)", s).matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?)?");
            if (labels == Labels.RFC952) {
                assertThat(label).as("RFC 952 label(%s)", s).doesNotMatch("^[0-9].*");
            }
            assertThat(labels.label(label)).as("idempotent on %s", s).isEqualTo(label);
            String frag = labels.domainFrag(s.toString());
            assertThat(labels.domainFrag(frag)).as("domainFrag idempotent on %s", s).isEqualTo(frag);
            assertThat(frag).as("domainFrag(%s)", s).doesNotStartWith(".").doesNotEndWith(".").doesNotContain("..");
        }
    }
}
