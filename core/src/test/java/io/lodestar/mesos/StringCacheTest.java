package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A repeated string comes back as the same instance; every string, cached or evicted, reads as written. */
class StringCacheTest {

    private static List<String> read(String json) throws Exception {
        StringCache cache = new StringCache();
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                out.add(cache.get(p));
            }
        }
        return out;
    }

    @Test
    void aRepeatedStringIsOneInstance() throws Exception {
        List<String> s = read("[\"TASK_RUNNING\", \"10.0.0.1\", \"TASK_RUNNING\", \"\", \"\", \"caf\\u00e9\", \"caf\\u00e9\"]");

        assertThat(s).containsExactly("TASK_RUNNING", "10.0.0.1", "TASK_RUNNING", "", "", "café", "café");
        assertThat(s.get(2)).isSameAs(s.get(0));
        assertThat(s.get(6)).isSameAs(s.get(5));
    }

    @Test
    void aLongStringIsReadButNotKept() throws Exception {
        String longText = "x".repeat(StringCache.MAX_LENGTH + 1);
        List<String> s = read("[\"" + longText + "\", \"" + longText + "\"]");

        assertThat(s).containsExactly(longText, longText);
        assertThat(s.get(1)).isNotSameAs(s.get(0));
    }

    /** Far more distinct strings than slots, so that most evict another: none is ever mixed up with another. */
    @Test
    void collidingStringsReadAsWritten() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<String> written = new ArrayList<>();
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 50_000; i++) {
            String s = random.nextInt(4) == 0 ? "agent-" + random.nextInt(300) : Long.toString(random.nextLong(), 36);
            written.add(s);
            json.append(i == 0 ? "" : ",").append('"').append(s).append('"');
        }
        assertThat(read(json.append(']').toString())).isEqualTo(written);
    }
}
