package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.testing.ZoneAssert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming state parser gives exactly the state (and the skip report) that reading each agent and framework
 * as a JSON tree gave ({@link TreeStateReader}), on the fixtures and on thousands of seeded variants of them: values
 * of the wrong type anywhere (numbers and booleans where text is expected, objects where lists are), fields in
 * another order (a task's {@code id} after its {@code discovery}, a framework's {@code name} after its tasks),
 * repeated fields, entries moved to where they do not belong.
 */
class StreamedStateMatchesTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VARIANTS = 400;

    /** The fixtures that are JSON (the fuzz finding is not), which the variants start from. */
    static Stream<String> jsonFixtures() {
        return fixtures().filter(f -> !f.contains("finding-"));
    }

    static Stream<String> fixtures() {
        return Stream.of("/states/upstream-example.json", "/states/edge-cases.json", "/states/beyond.json",
                "/states/masters-example.json",
                "/io/lodestar/mesos/StateParserFuzzTestInputs/stateDocument/demo-state",
                "/io/lodestar/mesos/StateParserFuzzTestInputs/stateDocument/finding-exception-without-location-53156946");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theFixtureAsIs(String fixture) {
        assertSameOutcome(ZoneAssert.resourceBytes(fixture));
    }

    @ParameterizedTest
    @MethodSource("jsonFixtures")
    void seededVariantsOfTheFixture(String fixture) throws Exception {
        JsonNode original = MAPPER.readTree(ZoneAssert.resourceBytes(fixture));
        for (int seed = 0; seed < VARIANTS; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 31L + fixture.hashCode());
            JsonNode doc = original.deepCopy();
            int mutations = 1 + random.nextInt(6);
            for (int i = 0; i < mutations; i++) {
                mutate(doc, random);
            }
            StringBuilder json = new StringBuilder();
            write(doc, json, random);
            assertSameOutcome(json.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertSameOutcome(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        MesosState tree;
        try {
            tree = TreeStateReader.parse(json);
        } catch (StateException e) {
            MesosState streamed = null;
            try {
                streamed = StateParser.parse(json);
            } catch (StateException expected) {
                assertThat(expected.getMessage()).as(text).startsWith(e.getMessage());
            }
            assertThat(streamed).as(text).isNull();
            return;
        }
        MesosState streamed;
        try {
            streamed = StateParser.parse(json);
        } catch (StateException e) {
            throw new AssertionError("the streaming parser failed where the tree one did not: " + text, e);
        }
        assertThat(streamed.leader()).as(text).isEqualTo(tree.leader());
        assertThat(streamed.agents()).as(text).isEqualTo(tree.agents());
        assertThat(streamed.frameworks()).as(text).hasSameSizeAs(tree.frameworks());
        for (int i = 0; i < tree.frameworks().size(); i++) {
            MesosState.Framework t = tree.frameworks().get(i);
            MesosState.Framework s = streamed.frameworks().get(i);
            assertThat(s.tasks()).as(text).hasSameSizeAs(t.tasks());
            for (int j = 0; j < t.tasks().size(); j++) {
                assertThat(s.tasks().get(j)).as("task %d of framework %d in %s", j, i, text).isEqualTo(t.tasks().get(j));
            }
            assertThat(s).as(text).isEqualTo(t);
        }
        assertThat(streamed.recoveredAgentIds()).as(text).isEqualTo(tree.recoveredAgentIds());
        assertThat(streamed.skipped().counts()).as(text).isEqualTo(tree.skipped().counts());
        assertThat(streamed.skipped().examples()).as(text).isEqualTo(tree.skipped().examples());
    }

    // ---- variants -----------------------------------------------------------------------------------------------

    /** Replaces, removes or transplants one value somewhere in the document (never the document itself). */
    private static void mutate(JsonNode doc, SplittableRandom random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(doc, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent.isEmpty()) {
            return;
        }
        JsonNode donor = pick(doc, random);
        JsonNode value = random.nextInt(4) == 0 ? donor.deepCopy() : randomValue(random);
        if (parent instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(8) == 0 && parent != doc) {
                o.remove(name);
            } else if (!(parent == doc && name.equals("leader") && random.nextInt(4) != 0)) {
                o.set(name, value);
            }
        } else if (parent instanceof ArrayNode a) {
            int i = random.nextInt(a.size());
            if (random.nextInt(8) == 0) {
                a.remove(i);
            } else {
                a.set(i, value);
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (JsonNode child : n) {
                collect(child, out);
            }
        }
    }

    private static JsonNode pick(JsonNode doc, SplittableRandom random) {
        List<JsonNode> all = new ArrayList<>();
        collect(doc, all);
        return all.get(random.nextInt(all.size()));
    }

    private static JsonNode randomValue(SplittableRandom random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(22)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt(70_000) - 100);
            case 3 -> f.numberNode(80.75);
            case 4 -> f.numberNode(1e9);
            case 5 -> f.numberNode(2_147_483_648L);
            case 6 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> f.textNode("");
            case 8 -> f.textNode("12.5");
            case 9 -> f.textNode("[31000-31001, 5]");
            case 10 -> f.textNode("s@10.0.0.9:5051");
            case 11 -> f.textNode("TASK_RUNNING");
            case 12 -> f.objectNode();
            case 13 -> f.arrayNode();
            case 14 -> f.arrayNode().add(1).add("a").addNull().add(f.objectNode().put("key", "k"));
            case 15 -> f.objectNode().set("labels", f.arrayNode().add(f.objectNode().put("key", "k").put("value", 7)));
            case 16 -> f.objectNode().set("ports", f.objectNode().set("ports", f.arrayNode()
                    .add(f.objectNode().put("number", 80.5).put("name", "x"))
                    .add(f.objectNode().put("number", "80"))));
            case 17 -> f.objectNode().put("ip_address", "fd00::7");
            case 18 -> f.objectNode().set("network_infos", f.objectNode().set("a", f.objectNode().put("ip_address", 5)));
            case 19 -> f.objectNode().put("ports", 31000);
            case 20 -> f.objectNode().put("id", "x").put("name", "n").put("slave_id", "s").put("state", "TASK_RUNNING");
            default -> f.textNode("text");
        };
    }

    /**
     * Writes JSON by hand, which a tree cannot hold: fields in a shuffled order, and now and then a field twice
     * (a decoy before the real value, so that the last value is the document's).
     */
    private static void write(JsonNode n, StringBuilder out, SplittableRandom random) throws Exception {
        if (n instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            if (random.nextInt(3) == 0) {
                for (int i = fields.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    fields.set(i, fields.set(j, fields.get(i)));
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : fields) {
                if (random.nextInt(20) == 0) {
                    first = field(out, first, e.getKey(), randomValue(random), random);
                }
                first = field(out, first, e.getKey(), e.getValue(), random);
            }
            out.append('}');
        } else if (n instanceof ArrayNode a) {
            out.append('[');
            for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
                write(it.next(), out, random);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            out.append(MAPPER.writeValueAsString(n));
        }
    }

    private static boolean field(StringBuilder out, boolean first, String name, JsonNode value,
                                 SplittableRandom random) throws Exception {
        if (!first) {
            out.append(',');
        }
        out.append(MAPPER.writeValueAsString(name)).append(':');
        write(value, out, random);
        return false;
    }
}
