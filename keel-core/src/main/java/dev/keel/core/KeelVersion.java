package dev.keel.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Keel release this code was built as (from the build, not hand-maintained). */
public final class KeelVersion {
    private KeelVersion() {}

    public static String current() {
        try (InputStream in = KeelVersion.class.getResourceAsStream("keel-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
