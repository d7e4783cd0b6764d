package io.lodestar.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One row of the key table: the canonical JSON name, how its value is read, a check of the value on its own, and
 * where it goes in the builder. Checks that involve several keys live in {@link ConfigRules}.
 */
record ConfigKey<T>(String name, JsonKind<T> kind, Check<? super T> check, BiConsumer<Config.Builder, T> setter) {

    /** A check of one key's value on its own; fails with a message naming the key. */
    @FunctionalInterface
    interface Check<T> {
        void check(String key, T value) throws ConfigException;
    }

    static <T> ConfigKey<T> of(String name, JsonKind<T> kind, BiConsumer<Config.Builder, T> setter) {
        return new ConfigKey<>(name, kind, (key, value) -> { }, setter);
    }

    static <T> ConfigKey<T> of(String name, JsonKind<T> kind, Check<? super T> check,
            BiConsumer<Config.Builder, T> setter) {
        return new ConfigKey<>(name, kind, check, setter);
    }

    /** Reads, checks and stores {@code node}; JSON {@code null} for a scalar keeps the default. */
    void apply(Config.Builder builder, JsonNode node, Consumer<String> warnings) throws ConfigException {
        T value = kind.read(name, node, warnings);
        if (value == null) {
            return;
        }
        check.check(name, value);
        setter.accept(builder, value);
    }
}
