package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A database address as users write it: a JDBC URL ({@code jdbc:postgresql://host/db?user=u})
 * or a libpq-style URI ({@code postgres://user:pass@host:5432/db?sslmode=require}). Holds the
 * JDBC URL without credentials and the connection properties separately, so the password
 * never travels in a string that might be printed.
 */
public final class DatabaseUrl {

    /** libpq query parameters whose pgjdbc property has another name. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "search_path", "currentSchema",
            "target_session_attrs", "targetServerType",
            "dbname", "database");

    private static final java.util.Set<String> SSL_MODES = java.util.Set.of("disable", "allow", "prefer", "require",
            "verify-ca", "verify-full");

    private final String jdbcUrl;
    private final Map<String, String> properties;

    private DatabaseUrl(String jdbcUrl, Map<String, String> properties) {
        this.jdbcUrl = jdbcUrl;
        this.properties = Map.copyOf(properties);
    }

    /**
     * Parses a JDBC URL or a {@code postgres://} / {@code postgresql://} URI.
     *
     * @throws CairnException a usage error (exit 2) naming the problem, never echoing the password
     */
    public static DatabaseUrl parse(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:")) {
            return fromJdbc(u);
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return fromUri(u.substring(u.indexOf("://") + 3));
        }
        throw CairnException.usage("config.url", "database URL '" + redactUserInfo(u) + "' is neither a JDBC URL"
                + " (jdbc:postgresql://host:5432/db) nor a postgres:// URI (postgres://user@host:5432/db)");
    }

    private static DatabaseUrl fromJdbc(String url) {
        int q = url.indexOf('?');
        Map<String, String> props = new LinkedHashMap<>();
        int hosts = url.indexOf("//");
        if (hosts >= 0) {
            int end = url.indexOf('/', hosts + 2);
            checkPorts(end < 0 ? url.substring(hosts + 2, q < 0 ? url.length() : q) : url.substring(hosts + 2, end));
        }
        if (q < 0) {
            return new DatabaseUrl(url, props);
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String key = decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair, "a parameter name");
            String value = decode(pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "",
                    key.equalsIgnoreCase("password") ? "the password" : "parameter '" + key + "'");
            if (key.equals("password") || key.equals("user")) {
                props.put(key, value);
            } else {
                kept.append(kept.length() == 0 ? "?" : "&").append(pair);
            }
        }
        return checked(new DatabaseUrl(url.substring(0, q) + kept, props));
    }

    /** Every port of a host list ({@code h1:5432,[::1]:5433}) is a number from 1 to 65535. */
    private static void checkPorts(String hosts) {
        for (String h : hosts.split(",")) {
            int colon = h.lastIndexOf(':');
            if (colon < 0 || h.lastIndexOf(']') > colon) {
                continue;
            }
            String port = h.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw CairnException.usage("config.url", "database URL: port '" + port + "' of host '"
                        + h.substring(0, colon) + "' is not a port number (1-65535)");
            }
        }
    }

    private static DatabaseUrl checked(DatabaseUrl url) {
        Map<String, String> parameters = url.parameters();
        String mode = parameters.getOrDefault("sslmode", "");
        if (!mode.isEmpty() && !SSL_MODES.contains(mode)) {
            throw CairnException.usage("config.url", "database URL: sslmode '" + mode + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(SSL_MODES)));
        }
        for (String key : SECONDS) {
            String v = parameters.get(key);
            if (v != null && !v.strip().matches("\\d{1,9}")) {
                String libpq = key.equals("connectTimeout") && url.properties.containsKey(key) ? "connect_timeout" : key;
                throw CairnException.usage("config.url", "database URL: " + libpq + " '" + v + "' is not a whole number"
                        + " of seconds (such as " + libpq + "=10)");
            }
        }
        return url;
    }

    /** Driver parameters whose value is a whole number of seconds. */
    private static final java.util.List<String> SECONDS = java.util.List.of("connectTimeout", "loginTimeout",
            "socketTimeout", "cancelSignalTimeout");

    /**
     * Every connection parameter other than user and password, by the driver's name: the properties a
     * libpq URI was turned into and the query of a JDBC URL, decoded.
     */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        int q = jdbcUrl.indexOf('?');
        if (q >= 0) {
            for (String pair : jdbcUrl.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String key = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
                    out.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '), "parameter '" + key + "'"));
                }
            }
        }
        properties.forEach((k, v) -> {
            if (!k.equals("user") && !k.equals("password")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static DatabaseUrl fromUri(String rest) {
        Map<String, String> props = new LinkedHashMap<>();
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            props.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user name"));
            if (colon >= 0) {
                props.put("password", decode(userInfo.substring(colon + 1), "the password"));
            }
        }
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1), "the database name");
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1),
                    key.equalsIgnoreCase("password") ? "the password" : "parameter '" + key + "'");
            props.put(LIBPQ_TO_JDBC.getOrDefault(key, key), value);
        }
        String db = props.containsKey("database") ? props.remove("database") : database;
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        checkPorts(hosts);
        props.computeIfPresent("targetServerType", (k, v) -> v.equals("read-write") ? "primary"
                : v.equals("read-only") || v.equals("standby") ? "secondary" : v.equals("prefer-standby") ? "preferSecondary" : v);
        return checked(new DatabaseUrl("jdbc:postgresql://" + hosts + "/" + encodePath(db), props));
    }

    /** The JDBC URL without user or password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Connection properties for the driver, including user and password when given. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(properties);
        return p;
    }

    /** The user, when the URL names one. */
    public Optional<String> user() {
        return Optional.ofNullable(properties.get("user"));
    }

    /** The password, when the URL holds one. Never print it. */
    public Optional<String> password() {
        return Optional.ofNullable(properties.get("password"));
    }

    /** The URL with a user and without the password, for messages: {@code jdbc:postgresql://h/db (user app)}. */
    public String display() {
        return jdbcUrl + user().map(u -> " (user " + u + ")").orElse("");
    }

    /** The database name in the URL; empty text when the URL names none. */
    public String database() {
        String base = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        int hosts = base.indexOf("//");
        String db = hosts < 0 ? base.substring(base.lastIndexOf(':') + 1)
                : base.indexOf('/', hosts + 2) < 0 ? "" : base.substring(base.indexOf('/', hosts + 2) + 1);
        try {
            // pgjdbc reads the path with URLDecoder, where + is a space.
            return decode(db.replace('+', ' '), "the database name");
        } catch (CairnException e) {
            return db;
        }
    }

    /**
     * Where connections go, as the line {@code migrate} prints first: {@code user@host:port/database}
     * (every host of a list), never the password. Without a user in the URL it is the driver's
     * default, the operating-system user.
     */
    public String target() {
        int hosts = jdbcUrl.indexOf("//");
        String all = "localhost:5432";
        if (hosts >= 0) {
            int end = jdbcUrl.indexOf('/', hosts + 2);
            String list = end < 0 ? jdbcUrl.substring(hosts + 2) : jdbcUrl.substring(hosts + 2, end);
            all = String.join(",", java.util.Arrays.stream(list.split(","))
                    .map(h -> h.isEmpty() ? "localhost:5432"
                            : h.lastIndexOf(':') > h.lastIndexOf(']') ? h : h + ":5432").toList());
        }
        return user().orElse(System.getProperty("user.name", "")) + "@" + all + "/" + database();
    }

    /**
     * Refuses a URL that names no database ({@code postgres://}, {@code postgresql:///},
     * {@code jdbc:postgresql://h/}): the driver would pick one by itself (the user's name), and Cairn
     * never changes a database nobody named. The host may be left out when the database is named
     * ({@code postgres:///app} is {@code localhost:5432/app}).
     *
     * @throws CairnException a usage error (exit 2)
     */
    public DatabaseUrl requireDatabase() {
        if (database().isBlank()) {
            throw CairnException.usage("config.url", "database URL " + display() + " names no database; name it"
                    + " explicitly (postgres://user@host:5432/DBNAME, jdbc:postgresql://host:5432/DBNAME), so that"
                    + " nothing runs on a database the driver picks by default");
        }
        return this;
    }

    /** The first host of the URL ({@code localhost} when it names none). */
    public String host() {
        String hostPort = firstHostPort();
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.lastIndexOf(':');
        String h = colon < 0 ? hostPort : hostPort.substring(0, colon);
        return h.isEmpty() ? "localhost" : h;
    }

    /** The first port of the URL (5432 when it names none). */
    public int port() {
        String hostPort = firstHostPort();
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.lastIndexOf(']') > colon) {
            return 5432;
        }
        return Integer.parseInt(hostPort.substring(colon + 1));
    }

    private String firstHostPort() {
        int hosts = jdbcUrl.indexOf("//");
        if (hosts < 0) {
            return "";
        }
        int end = jdbcUrl.indexOf('/', hosts + 2);
        String all = end < 0 ? jdbcUrl.substring(hosts + 2) : jdbcUrl.substring(hosts + 2, end);
        return all.split(",")[0];
    }

    /** The same URL with another database name; used for scratch databases. */
    public DatabaseUrl withDatabase(String database) {
        int q = jdbcUrl.indexOf('?');
        String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        String query = q < 0 ? "" : jdbcUrl.substring(q);
        int hosts = base.indexOf("//");
        if (hosts < 0) {
            // The short form jdbc:postgresql:database names no host.
            return new DatabaseUrl(base.substring(0, base.lastIndexOf(':') + 1) + encodePath(database) + query, properties);
        }
        int slash = base.indexOf('/', hosts + 2);
        String prefix = slash < 0 ? base : base.substring(0, slash);
        return new DatabaseUrl(prefix + "/" + encodePath(database) + query, properties);
    }

    /** The same URL with the given user and password (either may be null to leave it out). */
    public DatabaseUrl withCredentials(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        if (user != null) {
            p.put("user", user);
        }
        if (password != null) {
            p.put("password", password);
        }
        return new DatabaseUrl(jdbcUrl, p);
    }

    /** Hides passwords in a URL-like string: {@code postgres://u:***@h/db}, {@code password=***}. */
    public static String redact(String text) {
        // Most lines hold neither: no pattern is run on them (status prints a line per migration).
        boolean userInfo = text.contains("://");
        boolean parameter = mentionsPassword(text);
        String out = userInfo ? USER_INFO_PASSWORD.matcher(text).replaceAll("$1***@") : text;
        return parameter ? PASSWORD_PARAMETER.matcher(out).replaceAll("$1***") : out;
    }

    /** Whether {@code text} holds {@code password=} in any case: looked for at each {@code =}, which few lines hold. */
    private static boolean mentionsPassword(String text) {
        for (int i = text.indexOf('=', 8); i >= 0; i = text.indexOf('=', i + 1)) {
            if (text.regionMatches(true, i - 8, "password", 0, 8)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hides what stands between the user name and the last {@code @} of a string that is not a URL Cairn
     * reads ({@code mysql:/u:pw@h}), where {@link #redact} finds no {@code ://}.
     */
    private static String redactUserInfo(String u) {
        int at = u.lastIndexOf('@');
        int start = u.contains("://") ? u.indexOf("://") + 3 : u.indexOf(':') + 1;
        while (start < at && u.charAt(start) == '/') {
            start++;
        }
        int colon = at < 0 ? -1 : u.indexOf(':', start);
        return colon < 0 || colon > at ? redact(u) : redact(u.substring(0, colon + 1) + "***" + u.substring(at));
    }

    private static final java.util.regex.Pattern USER_INFO_PASSWORD = java.util.regex.Pattern.compile("(://[^:/@\\s]*:)\\S*@");
    private static final java.util.regex.Pattern PASSWORD_PARAMETER = java.util.regex.Pattern.compile("(?i)(password=)[^&\\s]*");

    /**
     * Percent-decodes one part of a URL ({@code +} stays a plus sign). A {@code %} not followed by two
     * hex digits is a usage error naming the part, never its text: the part may be a password.
     */
    private static String decode(String s, String part) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                flush(bytes, out);
                out.append(c);
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (lo < 0) {
                throw CairnException.usage("config.url", "database URL: " + part + " holds a '%' that is not followed"
                        + " by two hex digits; percent-encode the value (write a literal % as %25)");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static String encodePath(String s) {
        return s.replace("%", "%25").replace("?", "%3F").replace("/", "%2F").replace("+", "%2B");
    }

    @Override
    public String toString() {
        return display();
    }
}
