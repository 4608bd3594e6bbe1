package dev.switchboard.platform.env;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given as one URL, in any of the shapes operators paste: {@code postgresql://user:pw@host:5432/db},
 * {@code postgres://...}, {@code jdbc:postgresql://host:5432/db?user=..&password=..} or {@code r2dbc:postgresql://...}.
 */
record DatabaseUrl(String host, int port, String database, String username, String password, String query) {

    static DatabaseUrl parse(String value) {
        String url = value.strip();
        for (String prefix : new String[] {"jdbc:", "r2dbc:"}) {
            if (url.startsWith(prefix)) {
                url = url.substring(prefix.length());
            }
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a URL: " + e.getMessage(), e);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must be a postgresql:// URL (optionally prefixed jdbc: or r2dbc:), got scheme "
                            + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("DATABASE_URL must name a host and a database: postgresql://host:5432/db");
        }
        String username = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        StringBuilder rest = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String val = kv.length > 1 ? decode(kv[1]) : "";
                switch (kv[0]) {
                    case "user" -> username = val;
                    case "password" -> password = val;
                    default -> rest.append(rest.isEmpty() ? "" : "&").append(pair);
                }
            }
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                username, password, rest.toString());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
