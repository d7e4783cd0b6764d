package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskHashTest {
    @Test
    void matchesUpstreamValues() {
        assertThat(TaskHash.of("test")).isEqualTo("iffe9");
        assertThat(TaskHash.of("liquor-store.b8db9f73-562f-11e4-a088-c20493233aa5")).isEqualTo("4dfjd");
    }

    @Test
    void agentTailIsTheLowercasedPartAfterTheLastDash() {
        assertThat(TaskRecords.agentTail("20140803-125133-3041283216-5050-2410-0")).isEqualTo("0");
        assertThat(TaskRecords.agentTail("0a1b2c3d-4e5f-S3")).isEqualTo("s3");
        assertThat(TaskRecords.agentTail("nodash")).isEqualTo("nodash");
    }

    @Test
    void canonicalLabelFitsSixtyThreeBytes() {
        String t = "a".repeat(63);
        String c = TaskRecords.canonicalLabel(t, "iffe9", "s3");
        assertThat(c).hasSize(63).endsWith("-iffe9-s3").doesNotContain("--");
        assertThat(TaskRecords.canonicalLabel("short", "iffe9", "s3")).isEqualTo("short-iffe9-s3");
        // A cut that would end in '-' drops it.
        String dashy = "a".repeat(53) + "-bbbbbbbbb";
        assertThat(TaskRecords.canonicalLabel(dashy, "iffe9", "s3")).isEqualTo("a".repeat(53) + "-iffe9-s3");
    }
}
