package io.zdcd.heroku.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** zdcd's version, from the filtered {@code version.properties} (for the User-Agent). */
public final class ZdcdVersion {
    private static final String VERSION = load();

    private ZdcdVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ZdcdVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "dev";
    }
}
