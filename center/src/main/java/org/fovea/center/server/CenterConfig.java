package org.fovea.center.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a center instance runs, from its JSON file ({@code ./fovea center serve --config FILE}):
 * its PostgreSQL, where it listens (HTTPS only: a PKCS#12 key store with its certificate), the
 * largest request body it takes, and how long a workstation's session lasts. Several instances
 * given the same database serve the same requests.
 *
 * <pre>{"jdbcUrl": "jdbc:postgresql://db:5432/center", "user": "center", "password": "…",
 *  "host": "0.0.0.0", "port": 8443, "keyStore": "center.p12", "keyStorePassword": "…",
 *  "orthancUrl": "http://pacs:8042", "orthancUser": "…", "orthancPassword": "…",
 *  "reportingJdbcUrl": "jdbc:postgresql://db:5432/reports", "reportingUser": "…", "reportingPassword": "…"}</pre>
 *
 * The reporting database is the department database of the center's experts (their workstations'
 * {@code department.json}): the center watches it for the requests' signed reports and returns
 * them (D5). Without it the center takes requests and images but returns no reports.
 *
 * A relative key store path is resolved against the configuration file's folder.
 */
public record CenterConfig(String jdbcUrl, String user, String password, String host, int port, String keyStore,
                           String keyStorePassword, long maxBodyBytes, int sessionHours, String orthancUrl,
                           String orthancUser, String orthancPassword, String reportingJdbcUrl, String reportingUser,
                           String reportingPassword) {

    /** 64 MB: one image of a request per body, the largest multi-frame ones included. */
    public static final long DEFAULT_MAX_BODY = 64L << 20;

    public CenterConfig {
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        password = password == null ? "" : password;
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY : maxBodyBytes;
        sessionHours = sessionHours <= 0 ? 12 : sessionHours;
        orthancUser = orthancUser == null ? "" : orthancUser;
        orthancPassword = orthancPassword == null ? "" : orthancPassword;
        reportingJdbcUrl = reportingJdbcUrl == null ? "" : reportingJdbcUrl;
        reportingUser = reportingUser == null ? "" : reportingUser;
        reportingPassword = reportingPassword == null ? "" : reportingPassword;
    }

    /** The same settings with the images in another Orthanc. */
    public CenterConfig withOrthanc(String url) {
        return new CenterConfig(jdbcUrl, user, password, host, port, keyStore, keyStorePassword, maxBodyBytes,
                sessionHours, url, orthancUser, orthancPassword, reportingJdbcUrl, reportingUser, reportingPassword);
    }

    /** The same settings listening elsewhere (0: a free port). */
    public CenterConfig withPort(int newPort) {
        return new CenterConfig(jdbcUrl, user, password, host, newPort, keyStore, keyStorePassword, maxBodyBytes,
                sessionHours, orthancUrl, orthancUser, orthancPassword, reportingJdbcUrl, reportingUser,
                reportingPassword);
    }

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static CenterConfig load(Path file) {
        CenterConfig c;
        try {
            c = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(Files.readAllBytes(file), CenterConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + firstLine(e.getMessage()), e);
        }
        if (c.jdbcUrl() == null || !c.jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(file + ": \"jdbcUrl\" must name the center's PostgreSQL "
                    + "(jdbc:postgresql://host:port/database)");
        }
        if (c.keyStore() == null || c.keyStore().isBlank()) {
            throw new IllegalArgumentException(file + ": \"keyStore\" must name the PKCS#12 file with the center's "
                    + "certificate and key: the center speaks HTTPS only");
        }
        if (c.port() < 0 || c.port() > 65535) {
            throw new IllegalArgumentException(file + ": \"port\" " + c.port() + " is not a TCP port");
        }
        Path store = file.toAbsolutePath().getParent().resolve(c.keyStore());
        if (!Files.isReadable(store)) {
            throw new IllegalArgumentException(file + ": the key store " + store + " cannot be read");
        }
        if (c.orthancUrl() == null || !c.orthancUrl().matches("https?://.+")) {
            throw new IllegalArgumentException(file + ": \"orthancUrl\" must name the Orthanc that keeps the images "
                    + "(http://host:8042)");
        }
        if (!c.reportingJdbcUrl().isEmpty() && !c.reportingJdbcUrl().startsWith("jdbc:")) {
            throw new IllegalArgumentException(file + ": \"reportingJdbcUrl\" must name the experts' department "
                    + "database (jdbc:postgresql://host:port/database)");
        }
        return new CenterConfig(c.jdbcUrl(), c.user(), c.password(), c.host(), c.port(), store.toString(),
                c.keyStorePassword(), c.maxBodyBytes(), c.sessionHours(), c.orthancUrl(), c.orthancUser(),
                c.orthancPassword(), c.reportingJdbcUrl(), c.reportingUser(), c.reportingPassword());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
