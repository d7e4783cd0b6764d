package io.lodestar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How one key's JSON value is read: the JSON type it must have, the Java value it becomes, and what {@code null}
 * means (keep the default for numbers, booleans and strings; empty for lists and maps, as Go's decoder does).
 */
final class JsonKind<T> {

    /** Turns a non-null JSON value into the key's Java value, or fails naming the key. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String key, JsonNode node, Consumer<String> warnings) throws ConfigException;
    }

    static final JsonKind<Boolean> BOOL = new JsonKind<>(JsonKind::bool, null);
    static final JsonKind<String> STRING = new JsonKind<>(JsonKind::string, null);
    static final JsonKind<List<String>> STRING_LIST =
            new JsonKind<>((key, node, warnings) -> stringList(key, node, ""), List.of());
    static final JsonKind<Map<String, List<String>>> ZONE_MAP = new JsonKind<>(JsonKind::zoneMap, Map.of());
    static final JsonKind<Config.Credentials> CREDENTIALS = new JsonKind<>(JsonKind::credentials, null);
    /** A string that is a secret: a message about a wrong value never shows it. */
    static final JsonKind<String> SECRET = new JsonKind<>(JsonKind::secret, null);

    private static final int ECHO_LIMIT = 60;

    private final Reader<T> reader;
    private final T whenNull;

    private JsonKind(Reader<T> reader, T whenNull) {
        this.reader = reader;
        this.whenNull = whenNull;
    }

    /** A whole JSON number within {@code min..max}; {@code 1.0}, {@code 1e2} and {@code "60"} are wrong types. */
    static JsonKind<Long> wholeNumber(long min, long max) {
        return new JsonKind<>((key, node, warnings) -> wholeNumber(key, node, min, max), null);
    }

    /** A JSON number within {@code min..max}, fraction allowed ({@code 0.5}, {@code 2}); {@code "2"} is a wrong type. */
    static JsonKind<Double> decimalNumber(double min, double max) {
        return new JsonKind<>((key, node, warnings) -> decimalNumber(key, node, min, max), null);
    }

    /** The value of {@code node}, or null to keep the default. */
    T read(String key, JsonNode node, Consumer<String> warnings) throws ConfigException {
        return node.isNull() ? whenNull : reader.read(key, node, warnings);
    }

    private static long wholeNumber(String key, JsonNode node, long min, long max) throws ConfigException {
        if (!node.isNumber()) {
            throw wrongType(key, node, "", "a number");
        }
        if (!node.isIntegralNumber()) {
            throw new ConfigException(key, "wrong type: " + echo(node)
                    + " is a number with a fraction or exponent (expected a whole number)");
        }
        BigInteger value = node.bigIntegerValue();
        boolean tooSmall = value.compareTo(BigInteger.valueOf(min)) < 0;
        if (tooSmall || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException(key, value + " is not allowed (expected a whole number "
                    + range(min, max, tooSmall) + ")");
        }
        return value.longValue();
    }

    private static double decimalNumber(String key, JsonNode node, double min, double max) throws ConfigException {
        if (!node.isNumber()) {
            throw wrongType(key, node, "", "a number");
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, echo(node) + " is not allowed (expected a number "
                    + plain(min) + ".." + plain(max) + ")");
        }
        return value;
    }

    /** A number for a message, without a trailing {@code .0}. */
    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** {@code > 0} or {@code >= n} when only the lower bound matters, else {@code min..max}. */
    private static String range(long min, long max, boolean tooSmall) {
        if (tooSmall && max == Integer.MAX_VALUE) {
            return min == 1 ? "> 0" : ">= " + min;
        }
        return min + ".." + max;
    }

    private static boolean bool(String key, JsonNode node, Consumer<String> warnings) throws ConfigException {
        if (!node.isBoolean()) {
            throw wrongType(key, node, "", "true or false");
        }
        return node.booleanValue();
    }

    private static String string(String key, JsonNode node, Consumer<String> warnings) throws ConfigException {
        if (!node.isTextual()) {
            throw wrongType(key, node, "", "a string");
        }
        return node.textValue();
    }

    private static String secret(String key, JsonNode node, Consumer<String> warnings) throws ConfigException {
        if (!node.isTextual()) {
            throw new ConfigException(key, "wrong type: got " + describe(node) + " (expected a string; the value is"
                    + " not shown: it is a secret)");
        }
        return node.textValue();
    }

    /** A list of strings; {@code where} says which part of the value it is, for messages ({@code  for zone "x"}). */
    private static List<String> stringList(String key, JsonNode node, String where) throws ConfigException {
        if (!node.isArray()) {
            throw wrongType(key, node, where, "a list of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw wrongType(key, element, " in the list" + where, "a list of strings");
            }
            out.add(element.textValue());
        }
        return List.copyOf(out);
    }

    /** Zone to resolvers. A null list is an empty one, which validation then rejects with upstream's message. */
    private static Map<String, List<String>> zoneMap(String key, JsonNode node, Consumer<String> warnings)
            throws ConfigException {
        if (!node.isObject()) {
            throw wrongType(key, node, "", "an object of zone to list of resolvers");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> zone : node.properties()) {
            JsonNode resolvers = zone.getValue();
            String where = " for zone " + quote(zone.getKey());
            out.put(zone.getKey(), resolvers.isNull() ? List.of() : stringList(key, resolvers, where));
        }
        return out;
    }

    /** {@code {"principal": ..., "secret": ...}}, names matched case-insensitively. No message shows a value. */
    private static Config.Credentials credentials(String key, JsonNode node, Consumer<String> warnings)
            throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException(key, "wrong type: got " + describe(node)
                    + " (expected an object with principal and secret)");
        }
        String principal = "";
        String secret = "";
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean isPrincipal = name.equalsIgnoreCase("principal");
            if (!isPrincipal && !name.equalsIgnoreCase("secret")) {
                warnings.accept("unknown config key " + quote(key + "." + name) + " ignored");
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new ConfigException(key, "wrong type: " + (isPrincipal ? "principal" : "secret") + " is "
                        + describe(value) + " (expected a string)");
            }
            if (isPrincipal) {
                principal = value.textValue();
            } else {
                secret = value.textValue();
            }
        }
        return new Config.Credentials(principal, secret);
    }

    private static ConfigException wrongType(String key, JsonNode node, String where, String expected) {
        return new ConfigException(key, "wrong type: " + echo(node) + where + " is " + describe(node)
                + " (expected " + expected + ")");
    }

    /** The JSON type of a value in words: {@code a string}, {@code a list}... */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The value as JSON text, cut short so that a message stays readable. */
    private static String echo(JsonNode node) {
        String text = node.toString();
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT - 3) + "...";
    }

    /** A string as a JSON string literal: quoted, with quotes and control characters escaped. */
    static String quote(String s) {
        return TextNode.valueOf(s).toString();
    }
}
