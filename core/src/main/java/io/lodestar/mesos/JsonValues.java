package io.lodestar.mesos;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one value from a streaming parser as Jackson's tree model reads it ({@code JsonNode.asText()},
 * {@code asDouble(0)}, iteration), so that a state read as a stream is exactly the state read as trees. Each method
 * starts on the value's first token and leaves the parser on its last one; values of an unexpected type are
 * skipped whole. Numbers and booleans where text is expected, rare in real states, are read through a one-node tree.
 */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /**
     * {@code JsonNode.asText()} of a field that is present: "" for null, an object or an array. A string comes from
     * {@code strings} when it is given (null for strings that never repeat).
     */
    static String text(JsonParser p, StringCache strings) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return strings == null ? p.getText() : strings.get(p);
        }
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        return node(p).asText(); // a number or boolean, as the tree writes it ("1.0E9", "true")
    }

    /** {@code JsonNode.asDouble(0)}: numbers, and text that reads as a number; 0 otherwise. */
    static double number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return 0;
        }
        return t == JsonToken.VALUE_NULL ? 0 : node(p).asDouble(0);
    }

    /** A JSON boolean, or null for any other value. */
    static Boolean bool(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        p.skipChildren();
        return null;
    }

    /**
     * A port number 0..65535, or -1 when the value is not one: a number the tree can convert to an int (a
     * fraction is cut, as {@code JsonNode.asInt()} does), never text.
     */
    static int port(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int v;
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            v = p.getIntValue();
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            JsonNode n = node(p);
            v = n.canConvertToInt() ? n.asInt() : -1;
        } else {
            p.skipChildren();
            return -1;
        }
        return v >= 0 && v <= 65535 ? v : -1;
    }

    /** The current value as a one-node tree (a scalar), to read it exactly as the tree model does. */
    private static JsonNode node(JsonParser p) throws IOException {
        return MAPPER.readTree(p);
    }

    /** Reads one element of a list; null leaves it out. */
    interface ElementReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * The elements of a list as a tree iterates the value: an array's elements, an object's field values, none for
     * a scalar. An array is streamed. An object (a list never comes as one from Mesos) is read as a tree, which
     * keeps a repeated field once, at its first place, with its last value.
     */
    static <T> List<T> list(JsonParser p, ElementReader<T> reader) throws IOException {
        JsonToken t = p.currentToken();
        Elements<T> out = new Elements<>();
        if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new JsonParseException(p, "Unexpected end-of-input inside an array");
                }
                out.add(reader.read(p));
            }
        } else if (t == JsonToken.START_OBJECT) {
            for (JsonNode value : node(p)) {
                try (JsonParser q = value.traverse()) {
                    q.nextToken();
                    out.add(reader.read(q));
                }
            }
        }
        return out.list();
    }

    /**
     * Collects the elements of one list into an immutable list, which the model's records then keep without a copy.
     * Most lists hold one or two elements: those need no array.
     */
    private static final class Elements<T> {
        private T first;
        private T second;
        private List<T> more;
        private int size;

        void add(T element) {
            if (element == null) {
                return;
            }
            if (size == 0) {
                first = element;
            } else if (size == 1) {
                second = element;
            } else {
                if (more == null) {
                    more = new ArrayList<>(8);
                    more.add(first);
                    more.add(second);
                }
                more.add(element);
            }
            size++;
        }

        List<T> list() {
            return switch (size) {
                case 0 -> List.of();
                case 1 -> List.of(first);
                case 2 -> List.of(first, second);
                default -> List.copyOf(more);
            };
        }
    }

    /** Moves to the next field of the object the parser is in and then onto its value; null at the object's end. */
    static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "Unexpected end-of-input inside an object");
            }
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }
}
