package io.zdcd.jdbc;

import io.zdcd.spi.PlatformException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a PostgreSQL database is and how to log in: parsed from a JDBC URL
 * ({@code jdbc:postgresql://host:5432/app?user=me&password=secret}) or a libpq/Heroku URL
 * ({@code postgres://me:secret@host:5432/app}). Opens a new connection per call; holds none.
 *
 * <p>{@code toString()} never shows the password: {@code PostgresDatabase[me@localhost:5432/app]}.
 */
public final class PostgresDatabase {
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

    /** A database at host:port with the given credentials. */
    public static PostgresDatabase of(String host, int port, String name, String user, String password) {
        return new PostgresDatabase(host, port, name, user, password, Map.of());
    }

    /** Another database on the same server, with the same credentials (for example {@code postgres}). */
    public PostgresDatabase withName(String otherName) {
        return new PostgresDatabase(host, port, otherName, user, password, parameters);
    }

    /** A new connection (the caller closes it). */
    public Connection connect() {
        Properties p = new Properties();
        p.putAll(parameters);
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "zdcd");
        try {
            return DriverManager.getConnection(jdbcUrl(), p);
        } catch (SQLException e) {
            throw new PlatformException("connect to " + this, e.getMessage() == null ? e.toString()
                    : e.getMessage().replace(password.isEmpty() ? "\u0000" : password, "██"), e);
        }
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /**
     * The libpq URL WITH the password ({@code postgres://user:password@host:port/name}), as {@code DATABASE_URL} is
     * written; for handing to a subprocess only. Never log it.
     */
    public String libpqUrlWithPassword() {
        return "postgres://" + enc(user) + (password.isEmpty() ? "" : ":" + enc(password)) + "@" + host + ":" + port
                + "/" + enc(name);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database name. */
    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    /** Replaces {@code user:password@} and {@code password=...} in a URL with {@code ██}. */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceAll("(?i)(password=)[^&\\s]*", "$1██").replaceAll("(://[^:/@\\s]*):[^@/\\s]*@", "$1:██@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + user + "@" + host + ":" + port + "/" + name + "]";
    }
}
