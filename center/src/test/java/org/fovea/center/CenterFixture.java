package org.fovea.center;

import org.fovea.center.client.CenterClient;
import org.fovea.center.server.Accounts;
import org.fovea.center.server.Assignments;
import org.fovea.center.server.CenterConfig;
import org.fovea.center.server.CenterDatabase;
import org.fovea.center.server.CenterServer;
import org.fovea.center.server.Tls;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Postgres;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A center for tests and benchmarks, as it runs: a throwaway PostgreSQL 15, optionally an Orthanc
 * on it (its PostgreSQL plugin), a self-signed certificate the clients trust, and one or more
 * instances of the center on the same database. Accounts, rules and clients come from here.
 */
public final class CenterFixture implements AutoCloseable {

    public final Postgres pg;
    /** Null without images. */
    public final OrthancPeer orthanc;
    public final Path certificate;
    public final CenterConfig config;
    private final CenterDatabase database;
    private final List<CenterServer> instances = new ArrayList<>();
    private java.security.cert.X509Certificate reportCa;

    private CenterFixture(Postgres pg, OrthancPeer orthanc, Path certificate, CenterConfig config,
                          CenterDatabase database) {
        this.pg = pg;
        this.orthanc = orthanc;
        this.certificate = certificate;
        this.config = config;
        this.database = database;
    }

    /**
     * Starts PostgreSQL, Orthanc on it when {@code images}, and one center instance on {@code port}
     * (0: a free one; a fixed one lets a test restart it where its clients expect it) taking bodies
     * up to {@code maxBodyBytes} (0: the default).
     */
    public static CenterFixture start(Path dir, boolean images, int port, long maxBodyBytes) throws Exception {
        Postgres pg = Postgres.start();
        OrthancPeer orthanc = null;
        try {
            String url = pg.createDatabase("center");
            String reports = pg.createDatabase("reports");
            if (images) {
                pg.createDatabase("orthanc");
                orthanc = OrthancPeer.startOnPostgreSql(dir.resolve("orthanc"),
                        new OrthancPeer.PostgreSql("127.0.0.1", pg.port(), "orthanc", pg.user(), ""));
            }
            Path pem = Tls.selfSigned(dir.resolve("center.p12"), "pw".toCharArray(), "localhost", "127.0.0.1");
            CenterConfig config = new CenterConfig(url, pg.user(), pg.password(), "127.0.0.1", port,
                    dir.resolve("center.p12").toString(), "pw", maxBodyBytes, 1,
                    orthanc == null ? "http://127.0.0.1:1" : "http://127.0.0.1:" + orthanc.httpPort(), "", "", reports,
                    pg.user(), pg.password());
            CenterFixture f = new CenterFixture(pg, orthanc, pem, config, CenterDatabase.open(url, pg.user(), ""));
            f.startInstance();
            return f;
        } catch (Exception | Error e) {
            if (orthanc != null) {
                orthanc.close();
            }
            pg.close();
            throw e;
        }
    }

    /** Another instance of the center on the same database (as behind a load balancer). */
    public CenterServer startInstance() {
        CenterServer s = CenterServer.start(config);
        instances.add(s);
        return s;
    }

    /** The first instance. */
    public CenterServer center() {
        return instances.get(0);
    }

    /** Stops the first instance (the center going away). */
    public void stopCenter() {
        instances.remove(0).close();
    }

    /** Starts it again on its port, as the first instance. */
    public void restartCenter() {
        instances.add(0, CenterServer.start(config));
    }

    /**
     * The experts' department database (what their workstations report in), made ready to sign
     * (CA, one-level sign-off, each expert a key under {@code password}); the caller closes it.
     */
    public org.fovea.reporting.ReportingDatabase expertDepartment(java.util.Map<String, String> experts,
                                                                  String password) throws Exception {
        org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.open(config.reportingJdbcUrl(),
                config.reportingUser(), config.reportingPassword());
        java.util.Map<String, String> hospitals = new java.util.LinkedHashMap<>();
        accounts().hospitals().stream().filter(h -> !h.center()).forEach(h -> hospitals.put(h.code(), h.name()));
        reportCa = org.fovea.center.demo.ExpertDepartment.prepare(db, "测试远程诊断中心", experts, hospitals,
                password.toCharArray());
        return db;
    }

    /** The CA of the experts' signatures, once {@link #expertDepartment} made it. */
    public java.security.cert.X509Certificate reportCa() {
        return reportCa;
    }

    public Accounts accounts() {
        return new Accounts(database.dataSource());
    }

    public Assignments assignments() {
        return new Assignments(database.dataSource());
    }

    /** The center's database, for a test that changes it behind the center's back. */
    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    /** A client of an instance, logging in on its first call. */
    public CenterClient client(CenterServer instance, String login, String password) throws IOException {
        return client(instance.port(), login, password);
    }

    /** A client of whatever listens on {@code port} (a faulty link in front of the center). */
    public CenterClient client(int port, String login, String password) throws IOException {
        return new CenterClient(URI.create("https://localhost:" + port), Tls.trusting(certificate), "WS-" + login)
                .withCredentials(login, password.toCharArray());
    }

    @Override
    public void close() {
        for (CenterServer s : instances) {
            s.close();
        }
        database.close();
        if (orthanc != null) {
            orthanc.close();
        }
        pg.close();
    }
}
