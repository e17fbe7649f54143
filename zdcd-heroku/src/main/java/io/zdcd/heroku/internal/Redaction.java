package io.zdcd.heroku.internal;

/** Hides the parts of URLs that carry credentials: user info and query strings (pre-signed URLs). */
public final class Redaction {
    private Redaction() {
    }

    /** Whether {@code host} is this machine (see {@link io.zdcd.jdbc.PostgresDatabase#isLoopback}). */
    public static boolean isLoopback(String host) {
        return io.zdcd.jdbc.PostgresDatabase.isLoopback(host);
    }

    /** {@code https://user:pw@host/path?sig=x} becomes {@code https://host/path?██}. */
    public static String withoutQuery(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        String s = url;
        int scheme = s.indexOf("://");
        int at = s.indexOf('@');
        int slash = scheme < 0 ? -1 : s.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            s = s.substring(0, scheme + 3) + "██@" + s.substring(at + 1);
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?██";
    }
}
