package org.fovea.center.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.center.Role;
import org.fovea.center.server.Accounts;
import org.fovea.center.server.Assignments;
import org.fovea.center.server.CenterConfig;
import org.fovea.center.server.CenterServer;
import org.fovea.center.server.Tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.signature.Keys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fovea center demo}: the whole remote diagnosis center on one machine, for trying the
 * flow: its own PostgreSQL (kept in {@code FOVEA_HOME/center-demo}; as root in a folder
 * {@code nobody} can reach, under /var/tmp), an Orthanc on it, the center over HTTPS with a
 * self-signed certificate, two township hospitals with a doctor each, the center's coordinator
 * and two experts, and rules giving chest CTs and radiographs to the chest group and MRs to the
 * neuro group. The workstation of the same FOVEA_HOME is set up as a site of the first hospital
 * ({@code settings/remote.json}), so {@code ./fovea remote submit --study UID} sends there.
 */
public final class CenterDemo implements AutoCloseable {

    /** Every demo account's password (a demo: printed at start). */
    public static final String PASSWORD = "fovea-demo-2026";

    /** A demo account. */
    public record Account(String hospital, String login, String name, Role role, String group, int level) {
    }

    public static final List<Account> ACCOUNTS = List.of(
            new Account("TOWN-A", "doctor.a", "李医生 (青山镇卫生院)", Role.DOCTOR, "", 1),
            new Account("TOWN-B", "doctor.b", "王医生 (白水县人民医院)", Role.DOCTOR, "", 1),
            new Account("CENTER", "coordinator", "张协调", Role.COORDINATOR, "", 1),
            new Account("CENTER", "expert.chest", "陈专家 (胸部)", Role.EXPERT, "chest", 3),
            new Account("CENTER", "expert.neuro", "刘专家 (神经)", Role.EXPERT, "neuro", 2));

    private final DemoPostgres postgres;
    private final DemoOrthanc orthanc;
    private final CenterServer center;
    private final Path dir;

    private CenterDemo(DemoPostgres postgres, DemoOrthanc orthanc, CenterServer center, Path dir) {
        this.postgres = postgres;
        this.orthanc = orthanc;
        this.center = center;
        this.dir = dir;
    }

    /** Starts everything (making what is missing) with the center on {@code port} (0: a free one). */
    public static CenterDemo start(Path home, int port) throws IOException {
        Path dir = home.toAbsolutePath().resolve("center-demo");
        Files.createDirectories(dir);
        DemoPostgres pg = DemoPostgres.start(postgresFolder(home));
        DemoOrthanc orthanc = null;
        try {
            pg.ensureDatabase("center");
            pg.ensureDatabase("orthanc");
            pg.ensureDatabase("reports");
            orthanc = DemoOrthanc.start(dir.resolve("orthanc"), pg.port(), "orthanc");
            Path store = dir.resolve("center.p12");
            if (!Files.exists(store)) {
                Tls.selfSigned(store, PASSWORD.toCharArray(), "localhost", "127.0.0.1");
            }
            CenterConfig config = new CenterConfig(pg.jdbcUrl("center"), DemoPostgres.USER, "", "127.0.0.1", port,
                    store.toString(), PASSWORD, 0, 12, orthanc.url(), "", "", pg.jdbcUrl("reports"), DemoPostgres.USER, "");
            CenterServer center = CenterServer.start(config);
            CenterDemo demo = new CenterDemo(pg, orthanc, center, dir);
            try {
                demo.seed(config);
                demo.seedExperts(config);
                demo.writeFiles(home, config);
            } catch (IOException | RuntimeException e) {
                demo.close();
                throw e;
            }
            return demo;
        } catch (IOException | RuntimeException e) {
            if (orthanc != null) {
                orthanc.close();
            }
            pg.close();
            throw e;
        }
    }

    private void seed(CenterConfig config) {
        try (var db = org.fovea.center.server.CenterDatabase.open(config.jdbcUrl(), config.user(), "")) {
            Accounts accounts = new Accounts(db.dataSource());
            if (!accounts.hospitals().isEmpty()) {
                return;
            }
            accounts.addHospital("CENTER", "儿童医院远程影像诊断中心", true);
            accounts.addHospital("TOWN-A", "青山镇卫生院", false);
            accounts.addHospital("TOWN-B", "白水县人民医院", false);
            Assignments rules = new Assignments(db.dataSource());
            for (Account a : ACCOUNTS) {
                accounts.addAccount(a.hospital(), a.login(), a.name(), a.role(), a.group(), PASSWORD.toCharArray());
                rules.setLevel(a.login(), a.level());
            }
            rules.addRule(10, "CT", "CHEST", "chest", Assignments.Strategy.LEAST_LOADED, 2);
            rules.addRule(20, "DX", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
            rules.addRule(30, "MR", "", "neuro", Assignments.Strategy.ROUND_ROBIN, 1);
            rules.addRule(99, "", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
        }
    }

    /** The experts' department database: its CA (written for the sites to trust) and the experts' keys. */
    private void seedExperts(CenterConfig config) throws IOException {
        try (ReportingDatabase db = ReportingDatabase.open(config.reportingJdbcUrl(), config.reportingUser(), "")) {
            Map<String, String> experts = new LinkedHashMap<>();
            ACCOUNTS.stream().filter(a -> a.role() == Role.EXPERT).forEach(a -> experts.put(a.login(), a.name()));
            X509Certificate ca = ExpertDepartment.prepare(db, "儿童医院远程影像诊断中心", experts,
                    Map.of("TOWN-A", "青山镇卫生院", "TOWN-B", "白水县人民医院"), PASSWORD.toCharArray());
            Files.writeString(reportCa(), Keys.pem(ca), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("The experts' signing keys cannot be made: " + e.getMessage(), e);
        }
    }

    /** The CA of the center's experts' signatures, which sites trust for returned reports. */
    public Path reportCa() {
        return dir.resolve("report-ca.pem");
    }

    /**
     * The department settings of an expert's workstation at this center: its reporting database,
     * where the center finds the signed reports.
     */
    public Path expertDepartment() {
        return dir.resolve("expert-department.json");
    }

    /**
     * The remote settings of an expert's workstation at this center (its FOVEA_HOME/settings/remote.json):
     * logged in as expert.chest, retrieving from the center's Orthanc.
     */
    public Path expertRemote() {
        return dir.resolve("expert-remote.json");
    }

    /** The center's configuration file (for {@code center list|requests}) and the site's remote.json. */
    private void writeFiles(Path home, CenterConfig c) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("jdbcUrl", c.jdbcUrl());
        config.put("user", c.user());
        config.put("host", c.host());
        config.put("port", center.port());
        config.put("keyStore", "center.p12");
        config.put("keyStorePassword", PASSWORD);
        config.put("orthancUrl", c.orthancUrl());
        config.put("reportingJdbcUrl", c.reportingJdbcUrl());
        config.put("reportingUser", c.reportingUser());
        Files.write(configFile(), json.writeValueAsBytes(config));
        Files.write(expertDepartment(), json.writeValueAsBytes(Map.of("jdbcUrl", c.reportingJdbcUrl(),
                "user", c.reportingUser(), "password", "")));
        Files.write(expertRemote(), json.writeValueAsBytes(Map.of("center", url().toString(), "trustCertificate",
                certificate().toString(), "login", "expert.chest", "centerDicom", orthanc.dicomAddress())));
        Path settings = Files.createDirectories(home.resolve("settings"));
        Files.write(settings.resolve("remote.json"), json.writeValueAsBytes(Map.of("center", url().toString(),
                "trustCertificate", certificate().toString(), "reportCa", reportCa().toString(), "login", "doctor.a")));
    }

    /**
     * Where the demo's PostgreSQL keeps its cluster: in FOVEA_HOME, or as root (the server runs as
     * {@code nobody}, who cannot reach into root's home) under /var/tmp, named after FOVEA_HOME.
     */
    public static Path postgresFolder(Path home) {
        Path dir = home.toAbsolutePath().resolve("center-demo");
        return Processes.root() ? Path.of("/var/tmp", "fovea-center-demo-" + hash(dir)) : dir.resolve("postgres");
    }

    public URI url() {
        return URI.create("https://localhost:" + center.port());
    }

    public int port() {
        return center.port();
    }

    /** The center's certificate, which sites trust. */
    public Path certificate() {
        return dir.resolve("center.pem");
    }

    /** The configuration file of this demo center (its database's port changes at every start). */
    public Path configFile() {
        return dir.resolve("center.json");
    }

    public String orthancUrl() {
        return orthanc.url();
    }

    /** The Orthanc's DICOM address, for an expert workstation's query/retrieve node. */
    public String dicomAddress() {
        return orthanc.dicomAddress();
    }

    public String postgres() {
        return postgres.describe().get(0);
    }

    private static String hash(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(p.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            center.close();
        } finally {
            try {
                orthanc.close();
            } finally {
                postgres.close();
            }
        }
    }
}
