package org.fovea.bench;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.Keys;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.workflow.SignOffPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Issue 13's signature figures, on the embedded H2:
 * <ul>
 * <li>Sign a report: a chief signs final (one level) a report with four 512 x 512 key images —
 * the step canonicalises the version, hashes its images, signs (CMS), stores version, step, audit
 * record and signature in one transaction — then the report's signatures are checked, as the
 * editor does after signing. Median of 20 after 5 uncounted, RSA-2048 and SM2 each, against the
 * issue's goal of 300 ms; the same step unsigned is printed beside it (what signing adds).</li>
 * <li>{@code report verify --all} over 10,000 signed reports: the time per report. The reports
 * (text only, RSA) are generated once into bench/target/signature-10k, the department database's
 * writes batched by a relaxed H2 write delay for the generation only.</li>
 * </ul>
 */
public final class SignatureBenchmark {

    private static final double SIGN_GOAL_MS = 300;
    private static final int REPORTS = 10_000;
    private static final String PASSWORD = "Bench-2026";
    private static final StudyRef CT = new StudyRef("1.2.826.0.1.3680043.10.9", "B0001", "BP001", "WANG^WEI=王^伟", "M",
            LocalDate.of(1966, 6, 6), "060Y", LocalDate.of(2026, 12, 4), "CT", "CHEST", "CT胸部平扫", "", "");

    private SignatureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(SignatureBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        boolean pass = true;
        for (Algorithm a : Algorithm.values()) {
            pass &= sign(target.resolve("signature-sign-" + a.name().toLowerCase(Locale.ROOT)), a);
        }
        verifyAll(target.resolve("signature-10k"));
        System.exit(pass ? 0 : 1);
    }

    private static boolean sign(Path home, Algorithm a) throws Exception {
        Runs.deleteTree(home);
        List<ReportImage> images = images();
        double[] signed = new double[20];
        double[] unsigned = new double[20];
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            User chief = department(db, a);
            JdbcReports reports = new JdbcReports(db);
            Keys.KeyAndChain key = new SigningKeys(db).unlock("chief", PASSWORD.toCharArray());
            JdbcSignOffs signing = new JdbcSignOffs(db, ReportSignatures.signer(key));
            JdbcSignOffs plain = new JdbcSignOffs(db, null);
            ReportSignatures signatures = new ReportSignatures(db);
            for (int i = -5; i < 20; i++) {
                Report r1 = draft(reports, images, i);
                long t0 = System.nanoTime();
                signing.act(r1.id(), r1.version(), chief, SignOffAction.SUBMIT, null, "BENCH");
                if (!signatures.verify(r1.id()).valid()) {
                    throw new IllegalStateException("a benchmark signature does not verify");
                }
                long t1 = System.nanoTime();
                Report r2 = draft(reports, images, i);
                long t2 = System.nanoTime();
                plain.act(r2.id(), r2.version(), chief, SignOffAction.SUBMIT, null, "BENCH");
                long t3 = System.nanoTime();
                if (i >= 0) {
                    signed[i] = (t1 - t0) / 1e6;
                    unsigned[i] = (t3 - t2) / 1e6;
                }
            }
        }
        double ms = Runs.median(signed);
        boolean pass = ms <= SIGN_GOAL_MS;
        System.out.printf(Locale.ROOT, "sign a report with four 512x512 images and verify it, %s: %.1f ms "
                + "(goal <= %.0f ms) %s; the same step unsigned %.1f ms%n", a == Algorithm.RSA ? "RSA-2048" : "SM2/SM3",
                ms, SIGN_GOAL_MS, pass ? "PASS" : "MISS", Runs.median(unsigned));
        return pass;
    }

    /** One level, a chief with a key of the algorithm from a CA of the same. */
    private static User department(ReportingDatabase db, Algorithm a) throws Exception {
        User chief = new Users(db).create("chief", "陈主任", Role.CHIEF, PASSWORD.toCharArray());
        SigningKeys keys = new SigningKeys(db);
        Actor setup = new Actor("bench", "BENCH");
        keys.createCa(a, "Bench CA", "Bench-CA-2026".toCharArray(), setup);
        keys.issue(chief, a, "Bench-CA-2026".toCharArray(), PASSWORD.toCharArray(), setup);
        new JdbcSignOffs(db, null).setPolicy(new SignOffPolicy(1, Map.of(), Map.of()), setup);
        return chief;
    }

    private static Report draft(JdbcReports reports, List<ReportImage> images, int i) throws Exception {
        return reports.save(Report.draft(CT, "ct-chest-zh", "chief")
                .withText("右肺上叶见一实性结节，大小约 12 × 9 mm，边缘分叶。" + i, "考虑周围型肺癌可能。")
                .withImages(images), "chief", "BENCH");
    }

    /** Four 512 x 512 noisy grey PNGs, as key images compress (~250 KB each). */
    private static List<ReportImage> images() throws Exception {
        Random random = new Random(3);
        List<ReportImage> out = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(512, 512,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 512; y++) {
                for (int x = 0; x < 512; x++) {
                    int v = 120 + (int) (random.nextGaussian() * 10);
                    b.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
                }
            }
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(b, "png", png);
            out.add(new ReportImage("Im " + (n + 1), png.toByteArray(), "", 1));
        }
        return out;
    }

    private static void verifyAll(Path home) throws Exception {
        Path done = home.resolve("complete");
        if (!Files.exists(done)) {
            Runs.deleteTree(home);
            Files.createDirectories(home.resolve("db"));
            long t0 = System.nanoTime();
            // generation only: commits reach the file within half a second instead of each at once
            try (ReportingDatabase db = ReportingDatabase.open("jdbc:h2:file:" + home.resolve("db").resolve("department")
                    + ";WRITE_DELAY=500", "sa", "")) {
                User chief = department(db, Algorithm.RSA);
                JdbcReports reports = new JdbcReports(db);
                JdbcSignOffs signing = new JdbcSignOffs(db, ReportSignatures.signer(
                        new SigningKeys(db).unlock("chief", PASSWORD.toCharArray())));
                for (int i = 0; i < REPORTS; i++) {
                    Report r = reports.save(Report.draft(CT, "", "chief").withText("所见 " + i, "意见 " + i), "chief", "BENCH");
                    signing.act(r.id(), r.version(), chief, SignOffAction.SUBMIT, null, "BENCH");
                }
            }
            Files.writeString(done, REPORTS + " signed reports, made in " + (System.nanoTime() - t0) / 1_000_000_000 + " s\n");
        }
        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            ReportSignatures signatures = new ReportSignatures(db);
            List<Long> ids = signatures.signedReports();
            for (int i = 0; i < 200; i++) {
                signatures.verify(ids.get(i));
            }
            long t0 = System.nanoTime();
            int bad = 0;
            for (long id : ids) {
                bad += signatures.verify(id).valid() ? 0 : 1;
            }
            double perReport = (System.nanoTime() - t0) / 1e6 / ids.size();
            System.out.printf(Locale.ROOT, "report verify --all, %,d signed reports: %.2f ms per report (%.1f s in all), "
                    + "%d failed (information: the issue asks for the figure, not a goal)%n", ids.size(), perReport,
                    perReport * ids.size() / 1000, bad);
        }
    }
}
