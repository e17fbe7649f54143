package io.zdcd.jdbc;

import io.zdcd.spi.PlatformException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and how to log in: parsed from a JDBC URL
 * ({@code jdbc:postgresql://host:5432/app?user=me&password=secret}) or a libpq/Heroku URL
 * ({@code postgres://me:secret@host:5432/app}). Opens a new connection per call; holds none.
 *
 * <p><b>TLS by default.</b> For a host that is not loopback, zdcd connects with at least {@code sslmode=require}
 * (the driver's own default, {@code prefer}, falls back to plain text, so a network attacker can downgrade the
 * connection and read the password and the data). A {@code sslmode} (or {@code ssl}) in the URL wins: use
 * {@code sslmode=verify-full} with {@code sslrootcert=...} to check the server's certificate as well (see
 * docs/security.md). {@link #sslMode()} says which mode is used, for the deploy output.
 *
 * <p>{@code toString()} never shows the password: {@code PostgresDatabase[me@localhost:5432/app]}, or
 * {@code PostgresDatabase[me@db.example.com:5432/app, sslmode=require]} for a remote host.
 */
public final class PostgresDatabase {
    /** The mask that replaces secrets in every message, {@code toString()} and output: {@value}. */
    public static final String MASK = "██";

    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private PostgresDatabase(String host, int port, String name, String user, String password,
                             Map<String, String> parameters) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.name = Objects.requireNonNull(name, "name");
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a JDBC URL or a {@code postgres://} / {@code postgresql://} URL.
     *
     * @param url for example {@code jdbc:postgresql://host:5432/app?sslmode=require} or Heroku's {@code
     *     postgres://user:password@host:5432/app}; must not be null
     * @return the database the URL names, with its credentials and connection parameters
     * @throws IllegalArgumentException when the URL is not one of those (the message never repeats the password)
     */
    public static PostgresDatabase fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        String u = url.trim();
        if (u.startsWith("jdbc:")) {
            u = u.substring("jdbc:".length());
        }
        if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected jdbc:postgresql://host:port/db?user=..."
                    + " or postgres://user:password@host:port/db): " + redact(url));
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL: " + redact(url));
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database name: " + redact(url));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = decode(up[0]);
            password = up.length > 1 ? decode(up[1]) : null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String k = decode(kv[0]);
                String v = kv.length > 1 ? decode(kv[1]) : "";
                if (k.equals("user")) {
                    user = v;
                } else if (k.equals("password")) {
                    password = v;
                } else if (!k.isEmpty()) {
                    params.put(k, v);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        return new PostgresDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                user, password, params);
    }

    /**
     * A database at host:port with the given credentials.
     *
     * @param host the server's host name or IP address
     * @param port the server's TCP port (PostgreSQL's default is 5432)
     * @param name the database name
     * @param user the user to connect as
     * @param password the user's password; empty for none
     * @return the database
     */
    public static PostgresDatabase of(String host, int port, String name, String user, String password) {
        return new PostgresDatabase(host, port, name, user, password, Map.of());
    }

    /**
     * Another database on the same server, with the same credentials (for example {@code postgres}).
     *
     * @param otherName the other database's name
     * @return a database with that name, the same server, credentials and parameters
     */
    public PostgresDatabase withName(String otherName) {
        return new PostgresDatabase(host, port, otherName, user, password, parameters);
    }

    /**
     * A new connection (the caller closes it).
     *
     * @return an open connection with {@code application_name} {@code zdcd}; the caller closes it
     * @throws io.zdcd.spi.PlatformException when the connection fails (the message never holds the password)
     */
    public Connection connect() {
        Properties p = new Properties();
        p.putAll(parameters);
        if (!parameters.containsKey("sslmode") && !parameters.containsKey("ssl") && !isLoopback(host)) {
            p.setProperty("sslmode", "require");
        }
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "zdcd");
        try {
            return DriverManager.getConnection(jdbcUrl(), p);
        } catch (SQLException e) {
            throw new PlatformException("connect to " + this, mask(e.getMessage() == null ? e.toString()
                    : e.getMessage()), e);
        }
    }

    /**
     * The JDBC URL without credentials.
     *
     * @return for example {@code jdbc:postgresql://host:5432/app?sslmode=require}; never user or password
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /**
     * The libpq URL WITH the password ({@code postgres://user:password@host:port/name}), as {@code DATABASE_URL} is
     * written; for handing to a subprocess only. Never log it.
     *
     * @return the URL with the password; a secret
     */
    public String libpqUrlWithPassword() {
        String mode = sslMode();
        return "postgres://" + enc(user) + (password.isEmpty() ? "" : ":" + enc(password)) + "@" + host + ":" + port
                + "/" + enc(name) + (mode.equals("prefer") && !parameters.containsKey("sslmode") ? ""
                : "?sslmode=" + enc(mode));
    }

    /**
     * The TLS mode connections use: the URL's {@code sslmode} if it has one ({@code ssl=true} alone means
     * {@code verify-full}, as in the PostgreSQL JDBC driver); else {@code require} for a host that is not loopback;
     * else the driver's default, {@code prefer}. Never a secret: fit for the deploy output.
     *
     * @return {@code disable}, {@code allow}, {@code prefer}, {@code require}, {@code verify-ca} or {@code verify-full}
     *     (the URL's value as written)
     */
    public String sslMode() {
        if (parameters.containsKey("sslmode")) {
            return parameters.get("sslmode");
        }
        if (parameters.containsKey("ssl")) {
            return "false".equalsIgnoreCase(parameters.get("ssl")) ? "disable" : "verify-full";
        }
        return isLoopback(host) ? "prefer" : "require";
    }

    /**
     * Whether {@code host} names this machine ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), decided from the
     * name alone, without a DNS lookup, so a name that resolves elsewhere later cannot pass. zdcd sends secrets in
     * clear text (plain {@code http://}, {@code sslmode=prefer}) only to such hosts.
     *
     * @param host a host name or IP literal, possibly in brackets ({@code [::1]})
     * @return true for a loopback name or address; false for anything else, including names that may resolve to
     *     loopback
     */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * {@code text} with this database's password (as written and URL-encoded) and any URL credentials replaced by
     * {@code ██}; see {@link #mask(String, String)} for how a short password is matched.
     *
     * @param text any text, such as an error message; may hold the password
     * @return the text with the password and credentials hidden
     */
    public String mask(String text) {
        return maskPassword(text, password);
    }

    /**
     * {@code text} with {@code password} (as written and URL-encoded, either way) and any URL credentials replaced by
     * {@code ██}: for code that holds a password outside a {@link PostgresDatabase}; see {@link #mask(String, String)}
     * for how a short password is matched.
     *
     * @param text any text, such as an error message; null gives an empty string
     * @param password the password to hide; empty or null hides only URL credentials
     * @return the text with the password and credentials hidden
     */
    public static String maskPassword(String text, String password) {
        if (text == null) {
            return "";
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = mask(mask(mask(out, password), enc(password)), URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return redact(out);
    }

    /**
     * {@code text} with {@code secret} replaced by {@code ██}, the one mask zdcd uses everywhere. A secret of 12
     * characters or more is replaced wherever it appears; a shorter one only as a whole (not next to a letter or
     * digit it could be part of), so a one-letter password hides that letter where it stands alone, never inside
     * other words ({@code Connection}, not {@code Conn██ction}).
     *
     * @param text any text; null gives null
     * @param secret the secret to hide; empty or null changes nothing
     * @return the text with the secret hidden
     */
    public static String mask(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        if (secret.length() >= 12) {
            return text.replace(secret, MASK);
        }
        String before = Character.isLetterOrDigit(secret.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
        String after = Character.isLetterOrDigit(secret.charAt(secret.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
        return Pattern.compile(before + Pattern.quote(secret) + after).matcher(text)
                .replaceAll(Matcher.quoteReplacement(MASK));
    }


    /**
     * The server's host name.
     *
     * @return the host name or IP address, as given
     */
    public String host() {
        return host;
    }

    /**
     * The server's TCP port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The database name.
     *
     * @return the database name
     */
    public String name() {
        return name;
    }

    /**
     * The user zdcd connects as.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * Replaces {@code user:password@} and {@code password=...} in a URL (or in any text holding URLs) with {@code ██}.
     * The user info runs to the last {@code @} of the URL, so a password that was not percent-encoded (holding
     * {@code @}, {@code :} or {@code /}) is hidden whole, never in part.
     *
     * @param url a URL or any text holding URLs
     * @return the text with credentials hidden; unchanged when it holds none
     */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        Matcher m = USER_INFO.matcher(url.replaceAll("(?i)(password=)[^&\\s]*", "$1" + MASK));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int colon = m.group(1).indexOf(':');
            m.appendReplacement(out, Matcher.quoteReplacement(colon < 0 ? m.group()
                    : "://" + m.group(1).substring(0, colon) + ":" + MASK + "@"));
        }
        return m.appendTail(out).toString();
    }

    /** {@code ://user:password@}, up to the last {@code @} before white space or a quote. */
    private static final Pattern USER_INFO = Pattern.compile("://([^\\s'\"<>]*)@");

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // its message quotes the text after the %: part of a password
            throw new IllegalArgumentException("malformed PostgreSQL URL: a % that is not followed by two hex digits "
                    + "(percent-encode the user and password: % is written %25, @ %40, : %3A, / %2F)");
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        String mode = sslMode();
        return "PostgresDatabase[" + user + "@" + host + ":" + port + "/" + name
                + (mode.equals("prefer") && !parameters.containsKey("sslmode") ? "" : ", sslmode=" + mode) + "]";
    }
}
