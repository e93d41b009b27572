package org.fovea.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.CenterFixture;
import org.fovea.center.NewRequest;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.center.client.CenterClient;
import org.fovea.center.client.Outbox;
import org.fovea.center.client.RemoteWatch;
import org.fovea.center.server.Assignments;
import org.fovea.center.server.Accounts;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.export.PdfLayout;
import org.fovea.reporting.export.ReportDicom;
import org.fovea.reporting.export.ReportPdf;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The remote diagnosis center's figures (issue 15), on a real PostgreSQL with Orthanc on it and
 * the center over HTTPS on loopback:
 * <ul>
 * <li>submitting the demo's 300-image CT from a site's outbox (queued, hashed, sent by STOW-RS,
 * each image verified and stored) until the center says "received complete", against DCMTK's
 * storescu pushing the same files to the same Orthanc by DICOM, in the same run (goal ≤ 1.3×);
 * before each side the study is deleted from Orthanc, so both store it afresh. Two uncounted
 * warm-up rounds, then five paired rounds; the median of the rounds' ratios;</li>
 * <li>15 sites submitting at once (each a request of 10 images, its own outbox and session):
 * every request received complete, none lost or twice, every image held once; the API's p95
 * latency over the run's calls (information, no goal);</li>
 * <li>report return: an expert signs a report (the reporting module's sign-off, in the center's
 * reporting database) on a request a site's {@link RemoteWatch} follows; the time from the
 * signature to the report fetched, its signatures checked against the center's CA, kept, and
 * written as SR + PDF at the site (goal ≤ 2 s for every round; two uncounted warm-up rounds, then
 * ten).</li>
 * </ul>
 * Prints one line per figure, as bench/run expects, and exits 1 on a miss.
 */
public final class CenterBenchmark {

    private static final int WARM_UP = 2;
    private static final int ROUNDS = 5;
    private static final int SITES = 15;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("fovea-centerbench");
        int status;
        try {
            status = run(work, args.length > 0 && args[0].equals("return"));
        } finally {
            Runs.deleteTree(work);
        }
        System.exit(status);
    }

    /** @param onlyReturn only the report return (what {@code CenterBenchmark return} measures) */
    private static int run(Path work, boolean onlyReturn) throws Exception {
        String studyUid = DemoStudy.CURRENT_CT.studyUid(DemoSize.STANDARD);
        try (LocalArchive archive = LocalArchive.open(work.resolve("site"));
             CenterFixture fixture = CenterFixture.start(work.resolve("center"), true, 0, 0)) {
            DemoStudies.ensure(DemoSize.STANDARD, archive, work.resolve("demo"), DemoListener.none(), CancelToken.none());
            List<InstanceEntry> entries = archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD));
            List<Path> ct = entries.stream().map(InstanceEntry::file).toList();
            Accounts a = fixture.accounts();
            a.addHospital("TOWN-A", "青山镇卫生院", false);
            a.addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
            for (int s = 0; s < SITES; s++) {
                a.addHospital("SITE-" + s, "乡镇卫生院 " + s, false);
                a.addAccount("SITE-" + s, "doctor." + s, "医生 " + s, Role.DOCTOR, "", ("doctor-pass-" + s).toCharArray());
            }
            boolean ok = onlyReturn || submit(work, entries, ct, studyUid, fixture) & sites(work, entries, fixture);
            ok &= reportReturn(work, ct.get(0), fixture);
            return ok ? 0 : 1;
        }
    }

    private static boolean submit(Path work, List<InstanceEntry> entries, List<Path> ct, String studyUid,
                                  CenterFixture fixture) throws Exception {
        OrthancPeer orthanc = fixture.orthanc;
        double[] ours = new double[ROUNDS];
        double[] theirs = new double[ROUNDS];
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            forget(orthanc, studyUid);
            Runs.settleDisk();
            Path dept = work.resolve("dept-" + round);
            double fovea;
            try (ReportingDatabase department = ReportingDatabase.embedded(dept)) {
                Outbox box = Outbox.open(department.dataSource());
                CenterClient client = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
                long t0 = System.nanoTime();
                box.submit(request("BENCH-" + round + "-" + UUID.randomUUID(), studyUid), "doctor.a",
                        entries.stream().map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList());
                Outbox.SyncReport r = box.sync(client);
                fovea = (System.nanoTime() - t0) / 1e9;
                Outbox.Status s = box.status().get(0);
                if (!s.state().equals("RECEIVED") || s.sent() != ct.size() || !r.stoppedBecause().isEmpty()) {
                    throw new IllegalStateException("the request did not arrive complete: " + s + " " + r);
                }
            }
            Runs.deleteTree(dept);
            forget(orthanc, studyUid);
            Runs.settleDisk();
            double dcmtk = storescu(work, orthanc, ct);
            if (round >= 0) {
                ours[round] = fovea;
                theirs[round] = dcmtk;
            }
        }
        double ratio = Runs.medianRatio(ours, theirs);
        boolean pass = ratio <= 1.3;
        System.out.printf("submit the 300-image CT to the center until received complete: %.2f s vs storescu to the "
                        + "same Orthanc %.2f s = %.2fx (goal <= 1.3x) %s  [median of %d paired rounds: %s vs %s]%n",
                Runs.median(ours), Runs.median(theirs), ratio, pass ? "PASS" : "MISS", ROUNDS, Arrays.toString(round(ours)),
                Arrays.toString(round(theirs)));
        return pass;
    }

    private static boolean sites(Path work, List<InstanceEntry> entries, CenterFixture fixture) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> syncs = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(SITES);
        List<Future<Outbox.Status>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int s = 0; s < SITES; s++) {
            final int site = s;
            futures.add(pool.submit(() -> {
                try (ReportingDatabase department = ReportingDatabase.embedded(work.resolve("site-" + site))) {
                    Outbox box = Outbox.open(department.dataSource());
                    CenterClient client = fixture.client(fixture.center(), "doctor." + site, "doctor-pass-" + site);
                    List<Outbox.Item> ten = entries.subList(site * 10, site * 10 + 10).stream()
                            .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList();
                    box.submit(request("SITE-" + site + "-1", DemoStudy.CURRENT_CT.studyUid(DemoSize.STANDARD)),
                            "doctor." + site, ten);
                    long a = System.nanoTime();
                    box.sync(client);
                    syncs.add(System.nanoTime() - a);
                    for (int i = 0; i < 5; i++) {
                        long b = System.nanoTime();
                        client.requests();
                        latencies.add(System.nanoTime() - b);
                    }
                    return box.status().get(0);
                }
            }));
        }
        Set<String> centerIds = new HashSet<>();
        int complete = 0;
        for (Future<Outbox.Status> f : futures) {
            Outbox.Status s = f.get(5, TimeUnit.MINUTES);
            if (s.state().equals("RECEIVED") && s.sent() == 10) {
                complete++;
            }
            centerIds.add(s.centerRequestId());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
        double median = sorted[sorted.length / 2] / 1e6;
        long[] sent = syncs.stream().mapToLong(Long::longValue).sorted().toArray();
        boolean pass = complete == SITES && centerIds.size() == SITES;
        System.out.printf("%d sites submitting at once (10 images each): %d of %d received complete, %d distinct requests "
                        + "at the center, in %.1f s; request lists meanwhile: median %.0f ms, p95 %.0f ms; a site's "
                        + "sending of its 10 images: median %.2f s, slowest %.2f s %s%n", SITES, complete, SITES,
                centerIds.size(), seconds, median, p95, sent[sent.length / 2] / 1e9, sent[sent.length - 1] / 1e9,
                pass ? "PASS" : "MISS");
        return pass;
    }

    private static boolean reportReturn(Path work, Path ctImage, CenterFixture fixture) throws Exception {
        fixture.accounts().addHospital("CENTER", "远程影像诊断中心", true);
        fixture.accounts().addAccount("CENTER", "expert.bench", "评测专家", Role.EXPERT, "chest", "expert-pass-2026".toCharArray());
        fixture.assignments().addRule(10, "", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
        int rounds = 10;
        double[] took = new double[rounds];
        Path written = Files.createDirectories(work.resolve("returned"));
        BlockingQueue<String> said = new LinkedBlockingQueue<>();
        try (ReportingDatabase experts = fixture.expertDepartment(Map.of("expert.bench", "评测专家"), "expert-pass-2026");
             ReportingDatabase department = ReportingDatabase.embedded(work.resolve("site-reports"))) {
            User expert = new Users(experts).find("expert.bench").orElseThrow();
            JdbcSignOffs signOffs = new JdbcSignOffs(experts, ReportSignatures.signer(
                    new SigningKeys(experts).unlock("expert.bench", "expert-pass-2026".toCharArray())));
            Outbox box = Outbox.open(department.dataSource()).receivingReports(List.of(fixture.reportCa()),
                    r -> ReportDicom.write(r.report(), ReportPdf.bytes(r.report(), PdfLayout.DEFAULT), ctImage, written));
            try (RemoteWatch watch = new RemoteWatch(box, fixture.client(fixture.center(), "doctor.a", "doctor-a-pass"),
                    said::add).start()) {
                for (int round = -WARM_UP; round < rounds; round++) {
                    String id = "RETURN-" + (round + WARM_UP);
                    String study = "1.2.826.0.1.3680043.10.543.77." + (round + WARM_UP);
                    box.submit(request(id, study), "doctor.a", List.of());
                    watch.nudge();
                    until(said, id + ": ASSIGNED");
                    Report draft = new JdbcReports(experts).save(Report.draft(new StudyRef(study, "", "FV0001",
                            "WANG^JIANGUO=王^建国", "M", null, "", null, "CT", "CHEST", "胸部CT平扫", "", ""), "",
                            "expert.bench").withText("右肺上叶实性结节，约 20 mm。", "建议穿刺活检。"), "expert.bench", "BENCH");
                    long t0 = System.nanoTime();
                    signOffs.act(draft.id(), draft.version(), expert, SignOffAction.SUBMIT, null, "BENCH");
                    String line = until(said, id + ": report");
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!line.contains("signatures valid") || !line.contains("filed")) {
                        throw new IllegalStateException("the report did not come back verified and filed: " + line);
                    }
                    if (round >= 0) {
                        took[round] = seconds;
                    }
                }
            }
        }
        double max = Arrays.stream(took).max().orElseThrow();
        boolean pass = max <= 2.0;
        System.out.printf("report return, expert's signature to the report verified and filed at the site: median "
                        + "%.3f s, slowest %.3f s of %d (goal <= 2 s each; slowest / goal = %.2fx) %s%n",
                Runs.median(took), max, rounds, max / 2.0, pass ? "PASS" : "MISS");
        return pass;
    }

    /** The first line the watch says that starts with {@code prefix}, waiting up to a minute. */
    private static String until(BlockingQueue<String> said, String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            String line = said.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("the site's watch never said \"" + prefix + "…\"");
    }

    private static NewRequest request(String id, String studyUid) {
        return new NewRequest(id, "FV0001", "WANG^JIANGUO=王^建国", "M", "19680512", studyUid, "", "CT", "CHEST",
                "胸部CT平扫", "咳嗽两周", "结节？", Urgency.ROUTINE, null);
    }

    /** Deletes the study from Orthanc, so the next side stores it afresh. */
    private static void forget(OrthancPeer orthanc, String studyUid) throws Exception {
        JsonNode found = new ObjectMapper().readTree(orthanc.post("/tools/lookup", studyUid).body());
        for (JsonNode n : found) {
            if ("Study".equals(n.path("Type").asText())) {
                orthanc.delete("/studies/" + n.path("ID").asText());
            }
        }
    }

    private static double storescu(Path work, OrthancPeer orthanc, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aec", OrthancPeer.AE_TITLE, "127.0.0.1",
                String.valueOf(orthanc.dicomPort())));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("storescu.log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("storescu failed; see " + work.resolve("storescu.log"));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}
