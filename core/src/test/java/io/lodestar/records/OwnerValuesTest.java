package io.lodestar.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The record tables behave as the linked hash map of linked hash sets they replace: owners in first-added order,
 * values distinct and in added order, whatever the number of owners and of values per owner.
 */
class OwnerValuesTest {

    @Test
    void ownersAndValuesKeepTheirOrderAndValuesAreDistinct() {
        OwnerValues<String> t = new OwnerValues<>();
        assertThat(t.add("b.", "1")).isEqualTo(0);
        assertThat(t.add("a.", "2")).isEqualTo(1);
        assertThat(t.add("b.", "3")).isEqualTo(0);
        assertThat(t.add("b.", "1")).isEqualTo(-1);
        assertThat(t.add(new String("a."), "2")).isEqualTo(-2);

        OwnerMap<String> m = t.freeze();
        assertThat(m).containsExactly(Map.entry("b.", List.of("1", "3")), Map.entry("a.", List.of("2")));
        assertThat(m.get("a.")).containsExactly("2");
        assertThat(m.get("c.")).isNull();
        assertThat(m.getOrDefault("c.", List.of())).isEmpty();
        assertThat(m.containsKey("b.")).isTrue();
        assertThat(m.valueCount()).isEqualTo(3);
        assertThat(t.get("b.")).containsExactly("1", "3");
        assertThat(t.get("c.")).isEmpty();
    }

    @Test
    void theFirstInstanceOfANameIsTheOneStored() {
        OwnerValues<String> t = new OwnerValues<>();
        String first = new String("x.mesos.");
        int e = t.add(first, "1");
        t.add(new String("x.mesos."), "2");

        assertThat(t.name(e)).isSameAs(first);
        assertThat(t.freeze().keySet().iterator().next()).isSameAs(first);
    }

    /** Many owners (the index grows) and owners with many values (they get a hash set), against the old maps. */
    @Test
    void matchesALinkedHashMapOfLinkedHashSets() {
        SplittableRandom random = new SplittableRandom(3);
        OwnerValues<String> t = new OwnerValues<>();
        Map<String, LinkedHashSet<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String name = random.nextInt(10) == 0 ? "big" + random.nextInt(3) + "." : "n" + random.nextInt(20_000) + ".";
            String value = Integer.toString(random.nextInt(name.startsWith("big") ? 3000 : 5));
            boolean fresh = expected.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
            assertThat(t.add(name, value) >= 0).isEqualTo(fresh);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        expected.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        OwnerMap<String> m = t.freeze();

        assertThat(new ArrayList<>(m.entrySet())).isEqualTo(new ArrayList<>(frozen.entrySet()));
        assertThat(m).isEqualTo(frozen);
        assertThat(m.hashCode()).isEqualTo(frozen.hashCode());
        List<String> order = new ArrayList<>();
        m.forEach((k, v) -> order.add(k));
        assertThat(order).containsExactlyElementsOf(frozen.keySet());
    }

    @Test
    void theFrozenMapCannotBeChanged() {
        OwnerValues<String> t = new OwnerValues<>();
        t.add("a.", "1");
        OwnerMap<String> m = t.freeze();

        assertThatThrownBy(() -> m.put("b.", List.of("2"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.get("a.").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
