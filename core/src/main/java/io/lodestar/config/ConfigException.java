package io.lodestar.config;

/**
 * A configuration that cannot be used: the message is one line naming the key, the bad value and what is expected,
 * e.g. {@code refreshSeconds: 0 is not allowed (expected a whole number > 0)}. Secrets are never part of it.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The key of file-level problems (missing file, not JSON, not an object). */
    public static final String FILE_KEY = "config";

    private final String key;

    /**
     * @param key    the canonical key name ({@code IPSources}), or {@link #FILE_KEY}
     * @param detail what is wrong and what is expected; control characters are escaped to keep one line
     */
    public ConfigException(String key, String detail) {
        super(key + ": " + oneLine(detail));
        this.key = key;
    }

    /** The canonical name of the key at fault, e.g. {@code IPSources}, or {@code config} for the file as a whole. */
    public String key() {
        return key;
    }

    private static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
