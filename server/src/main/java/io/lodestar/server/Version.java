package io.lodestar.server;

/** The version string printed by {@code -version} and served by {@code /v1/version}. */
public final class Version {
    private Version() {
    }

    /** The jar manifest's Implementation-Version, or {@code dev} when running from classes. */
    public static String current() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
