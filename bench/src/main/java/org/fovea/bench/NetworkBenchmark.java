package org.fovea.bench;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.RetrieveMethod;
import org.fovea.dicom.net.RetrieveReport;
import org.fovea.dicom.net.RetrieveRequest;
import org.fovea.dicom.net.StoreScp;
import org.fovea.dicom.net.TransferListener;
import org.fovea.dicom.net.peers.OrthancPeer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Network figures, each against DCMTK doing the same work in the same run: the demo's 300-image
 * CT retrieved from a real Orthanc on loopback by C-GET (vs getscu) and by C-MOVE (vs movescu
 * with storescp as the destination), and the same 300 images pushed by storescu to Fovea's
 * listener (vs to storescp). Fovea's side ends when every image is in the local archive
 * (written, fsynced, indexed); DCMTK's when its tool exits with the files written (not synced).
 * After one warm-up round, rounds alternate the two sides so that caches favour neither; the
 * median is reported. DCMTK and Orthanc run with TCP_NODELAY=1 (see {@link #dcmtk}). Prints one line per
 * figure, as bench/run expects, and exits 1 on a miss.
 */
public final class NetworkBenchmark {

    private static final int ROUNDS = 3;
    private static final int IMAGES = 300;

    private final Path work;
    private final String studyUid;
    private final List<Path> files;
    private final OrthancPeer pacs;
    private final int dcmtkPort;
    private final int foveaPort;

    private NetworkBenchmark(Path work, String studyUid, List<Path> files, OrthancPeer pacs, int dcmtkPort,
                             int foveaPort) {
        this.work = work;
        this.studyUid = studyUid;
        this.files = files;
        this.pacs = pacs;
        this.dcmtkPort = dcmtkPort;
        this.foveaPort = foveaPort;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("fovea-netbench");
        int status;
        try {
            status = run(work);
        } finally {
            delete(work);
        }
        System.exit(status);
    }

    private static int run(Path work) throws Exception {
        Path source = work.resolve("source");
        List<Path> files;
        String studyUid;
        try (LocalArchive archive = LocalArchive.open(source)) {
            DemoStudies.ensure(DemoSize.STANDARD, archive, source.resolve("work"), DemoListener.none(), CancelToken.none());
            List<InstanceEntry> ct = archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD));
            files = ct.stream().map(InstanceEntry::file).toList();
            studyUid = DemoStudy.CURRENT_CT.studyUid(DemoSize.STANDARD);
        }
        if (files.size() != IMAGES) {
            throw new IllegalStateException("expected the " + IMAGES + "-image demo CT, found " + files.size());
        }
        int dcmtkPort = OrthancPeer.freePort();
        int foveaPort = OrthancPeer.freePort();
        try (OrthancPeer pacs = OrthancPeer.start(work.resolve("orthanc"), List.of(
                new OrthancPeer.Modality("FOVEA", "127.0.0.1", foveaPort),
                new OrthancPeer.Modality("STORESCP", "127.0.0.1", dcmtkPort)))) {
            if (pacs.upload(files) != IMAGES) {
                throw new IllegalStateException("Orthanc did not accept all " + IMAGES + " images");
            }
            return new NetworkBenchmark(work, studyUid, files, pacs, dcmtkPort, foveaPort).figures();
        }
    }

    private int figures() throws Exception {
        double[][] get = new double[2][ROUNDS];
        double[][] move = new double[2][ROUNDS];
        double[][] receive = new double[2][ROUNDS];
        double[] floor = new double[ROUNDS];
        // round -1 warms up both sides (the JIT here, Orthanc's caches) and is not counted, as
        // JMH's warm-up iterations are not: a workstation retrieves many studies per session
        for (int r = -1; r < ROUNDS; r++) {
            double[] round = {foveaRetrieve(RetrieveMethod.C_GET, r), dcmtkGet(r), dcmtkMove(r),
                    foveaRetrieve(RetrieveMethod.C_MOVE, r), foveaReceive(r), dcmtkReceive(r),
                    durableAcknowledgementFloor(r)};
            if (r >= 0) {
                get[0][r] = round[0];
                get[1][r] = round[1];
                move[1][r] = round[2];
                move[0][r] = round[3];
                receive[0][r] = round[4];
                receive[1][r] = round[5];
                floor[r] = round[6];
            }
        }
        boolean ok = line("retrieve 300 images, C-GET", get, "getscu", 1.25);
        ok &= line("retrieve 300 images, C-MOVE", move, "movescu + storescp", 1.25);
        ok &= line("receive 300 pushed images", receive, "storescp", 1.3);
        double theirs = median(receive[1]);
        System.out.printf("  (the push's durability floor on this disk: 300 x [write, fsync, rename, fsync folder] "
                + "one after the other = %.2f s; storescp + floor = %.2f s = %.2fx)%n", median(floor),
                theirs + median(floor), (theirs + median(floor)) / theirs);
        return ok ? 0 : 1;
    }

    /**
     * What acknowledging each pushed image only once it is durable costs at least, whatever the
     * code: the sender waits for each answer before sending the next image, so the 300 flushes
     * of file and folder happen one after the other. Written from memory, so only the disk is
     * measured.
     */
    private double durableAcknowledgementFloor(int round) throws Exception {
        Path dir = Files.createDirectories(work.resolve("floor-" + round));
        List<byte[]> images = new ArrayList<>();
        for (Path f : files) {
            images.add(Files.readAllBytes(f));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < images.size(); i++) {
            Path part = dir.resolve(i + ".part");
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(images.get(i));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(part, dir.resolve(i + ".dcm"), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        delete(dir);
        return s;
    }

    private static boolean line(String label, double[][] seconds, String baseline, double goal) {
        double ours = median(seconds[0]);
        double theirs = median(seconds[1]);
        double ratio = ours / theirs;
        boolean pass = ratio <= goal;
        System.out.printf("%s: %.2f s vs %s %.2f s = %.2fx (goal <= %sx) %s%n", label, ours, baseline, theirs, ratio,
                goal, pass ? "PASS" : "MISS");
        return pass;
    }

    private double foveaRetrieve(RetrieveMethod method, int round) throws Exception {
        Path home = work.resolve("fovea-" + method + "-" + round);
        NetworkSettings settings = NetworkSettings.defaults().withLocal("FOVEA", foveaPort, false);
        DicomNode node = DicomNode.parse(pacs.address()).withRetrieveMethod(method);
        try (LocalArchive archive = LocalArchive.open(home)) {
            long t0 = System.nanoTime();
            RetrieveReport report = new DicomClient(settings).retrieve(node, RetrieveRequest.study(studyUid), archive,
                    TransferListener.none(), CancelToken.none());
            double s = (System.nanoTime() - t0) / 1e9;
            if (report.received() != IMAGES) {
                throw new IllegalStateException(method + " retrieve received " + report.received() + " of " + IMAGES);
            }
            return s;
        } finally {
            delete(home);
        }
    }

    private double dcmtkGet(int round) throws Exception {
        Path out = Files.createDirectories(work.resolve("getscu-" + round));
        double s = timed("getscu", "-aec", OrthancPeer.AE_TITLE, "-S", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + studyUid, "-od", out.toString(), "127.0.0.1",
                String.valueOf(pacs.dicomPort()));
        expectFiles(out, "getscu");
        delete(out);
        return s;
    }

    private double dcmtkMove(int round) throws Exception {
        Path out = Files.createDirectories(work.resolve("storescp-move-" + round));
        Process scp = storescp(out);
        try {
            double s = timed("movescu", "-aec", OrthancPeer.AE_TITLE, "-aet", "STORESCP", "-aem", "STORESCP", "-S",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid, "127.0.0.1",
                    String.valueOf(pacs.dicomPort()));
            expectFiles(out, "movescu + storescp");
            return s;
        } finally {
            scp.destroy();
            scp.waitFor();
            delete(out);
        }
    }

    /**
     * From storescu's start until it has exited and every image is indexed: the listener
     * acknowledges an image once it is durable in its receive folder and indexes it right after,
     * and a user sees the study in the list once it is indexed.
     */
    private double foveaReceive(int round) throws Exception {
        Path home = work.resolve("fovea-receive-" + round);
        NetworkSettings settings = NetworkSettings.defaults().withLocal("FOVEA", 0, true);
        CountDownLatch indexed = new CountDownLatch(IMAGES);
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(settings, archive, new StoreScp.StoreListener() {
                 @Override
                 public void stored(org.fovea.dicom.ImageHeader header) {
                     indexed.countDown();
                 }

                 @Override
                 public void failed(String reason) {
                     throw new IllegalStateException("the listener failed: " + reason);
                 }
             })) {
            long t0 = System.nanoTime();
            push(scp.port(), "FOVEA");
            if (!indexed.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the listener indexed " + (IMAGES - indexed.getCount()) + " of " + IMAGES);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD)).size() != IMAGES) {
                throw new IllegalStateException("the archive lists fewer than " + IMAGES + " images");
            }
            return s;
        } finally {
            delete(home);
        }
    }

    private double dcmtkReceive(int round) throws Exception {
        Path out = Files.createDirectories(work.resolve("storescp-push-" + round));
        Process scp = storescp(out);
        try {
            double s = push(dcmtkPort, "STORESCP");
            expectFiles(out, "storescp");
            return s;
        } finally {
            scp.destroy();
            scp.waitFor();
            delete(out);
        }
    }

    /** storescu sends the 300 files on one association; it exits once the last one is acknowledged. */
    private double push(int port, String calledAe) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aec", calledAe, "127.0.0.1", String.valueOf(port)));
        files.forEach(f -> cmd.add(f.toString()));
        return timed(cmd.toArray(String[]::new));
    }

    private Process storescp(Path out) throws Exception {
        Process p = dcmtk("storescp", "-aet", "STORESCP", "-od", out.toString(), String.valueOf(dcmtkPort))
                .redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", dcmtkPort)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("storescp did not start on port " + dcmtkPort);
    }

    private double timed(String... cmd) throws Exception {
        long t0 = System.nanoTime();
        Process p = dcmtk(cmd).redirectErrorStream(true).redirectOutput(work.resolve("dcmtk.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd[0] + " failed; see " + work.resolve("dcmtk.log"));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * A DCMTK tool at its best: DCMTK leaves Nagle's algorithm on unless TCP_NODELAY is set, and
     * then stalls on delayed ACKs for tens of ms per image on loopback; a baseline that slow
     * would flatter us.
     */
    private static ProcessBuilder dcmtk(String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TCP_NODELAY", "1");
        return pb;
    }

    private static void expectFiles(Path dir, String who) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long n = s.count();
            if (n != IMAGES) {
                throw new IllegalStateException(who + " wrote " + n + " of " + IMAGES + " files");
            }
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
