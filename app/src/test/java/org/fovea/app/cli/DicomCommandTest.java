package org.fovea.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsStore;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea dicom …} against a real Orthanc on loopback holding the 128-image MR phantom and
 * three single-image Chinese studies (GB18030, GBK, UTF-8), each run on a fresh FOVEA_HOME.
 */
class DicomCommandTest {

    private static final Path CORPUS = Path.of(System.getProperty("fovea.shared", "../../shared"), "testdata", "dicom");
    private static final String MR_STUDY = "1.2.826.0.1.3680043.8.498.23904356067352728123256330845974725175";
    private static final String MR_SERIES = "1.2.826.0.1.3680043.8.498.12577700408269398389391326344238305188";
    private static final String UTF8_STUDY = "1.2.826.0.1.3680043.9.7433.2.10741";
    private static final String GB18030_STUDY = "1.2.826.0.1.3680043.9.7433.2.14667";
    private static final String OUR_AE = "FOVEATEST";

    private static OrthancPeer pacs;
    private static int ourPort;

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void startPacs() throws Exception {
        ourPort = OrthancPeer.freePort();
        pacs = OrthancPeer.start(Files.createTempDirectory("fovea-orthanc"),
                List.of(new OrthancPeer.Modality(OUR_AE, "127.0.0.1", ourPort)));
        List<Path> files = new ArrayList<>(dicomFiles(CORPUS.resolve("series-mr-phantom-128")));
        for (String cs : List.of("GB18030", "GBK", "ISO_IR_192")) {
            files.add(CORPUS.resolve("charsets/chinese-" + cs + ".dcm"));
        }
        assertThat(pacs.upload(files)).isEqualTo(131);
        writeWorklist(pacs.worklistDirectory().resolve("li-na.wl"), "李娜^=LI^NA", "WL0001", "CT", "CT01", "20240315",
                "胸部CT平扫");
        writeWorklist(pacs.worklistDirectory().resolve("wang.wl"), "王建国^=WANG^JIANGUO", "WL0002", "MR", "MR01",
                "20240316", "头颅MR平扫");
    }

    @AfterAll
    static void stopPacs() {
        pacs.close();
    }

    @BeforeEach
    void ourSettings() {
        // not listening: move must bring up its own temporary listener on the port Orthanc knows
        NetworkSettingsStore.save(home, new NetworkSettings(OUR_AE, ourPort, false, 5, 30, List.of()));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void echoAnswersAndAnUnreachablePortIsOneSentence() throws IOException {
        Run ok = run("dicom", "echo", pacs.address());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(pacs.address()).contains("ms");

        int closed = OrthancPeer.freePort();
        Run down = run("dicom", "echo", "NOBODY@127.0.0.1:" + closed);
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err().strip()).startsWith("fovea: ").contains("127.0.0.1:" + closed)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(down.err().strip().lines()).hasSize(1);
    }

    @Test
    void aBadAddressSaysHowToWriteOne() {
        Run r = run("dicom", "find", "orthanc-at-localhost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("orthanc-at-localhost").contains("@");
    }

    @Test
    void findListsStudiesAndSeriesAsJson() throws Exception {
        Run studies = run("dicom", "find", pacs.address(), "--json");
        assertThat(studies.code()).as(studies.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(studies.out());
        assertThat(all.findValuesAsText("StudyInstanceUID")).contains(MR_STUDY, UTF8_STUDY, GB18030_STUDY);
        JsonNode mr = find(all, "StudyInstanceUID", MR_STUDY);
        assertThat(mr.get("PatientName").asText()).isEqualTo("PACSMAN");
        assertThat(mr.get("NumberOfStudyRelatedInstances").asText()).isEqualTo("128");

        Run series = run("dicom", "find", pacs.address(), "--level", "series", "-k", "StudyInstanceUID=" + MR_STUDY,
                "--json");
        assertThat(series.code()).as(series.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(series.out());
        assertThat(s).hasSize(1);
        assertThat(s.get(0).get("SeriesInstanceUID").asText()).isEqualTo(MR_SERIES);
        assertThat(s.get(0).get("Modality").asText()).isEqualTo("MR");
        assertThat(s.get(0).get("NumberOfSeriesRelatedInstances").asText()).isEqualTo("128");
    }

    @Test
    void aChineseNameMatchesInEveryCharacterSet() throws Exception {
        Run r = run("dicom", "find", pacs.address(), "-k", "PatientName=张*", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode found = new ObjectMapper().readTree(r.out());
        assertThat(found.findValuesAsText("PatientID")).containsExactlyInAnyOrder("CN-GB18030", "CN-GBK", "CN-ISO_IR_192");
        assertThat(found.findValuesAsText("PatientName")).allMatch(n -> n.startsWith("张伟"));
        assertThat(found.findValuesAsText("StudyDescription")).containsOnly("胸部CT平扫");

        Run table = run("dicom", "find", pacs.address(), "-k", "PatientName=张*");
        assertThat(table.out()).contains("张伟").contains("3 studies found");
    }

    @Test
    void getFetchesASeriesIntoTheArchive() throws Exception {
        Run r = run("dicom", "get", pacs.address(), "--study", MR_STUDY, "--series", MR_SERIES);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("received 128 of 128");

        JsonNode ls = new ObjectMapper().readTree(run("ls", "--json").out()).get("studies");
        assertThat(ls).hasSize(1);
        assertThat(ls.get(0).get("study").get("instanceCount").asInt()).isEqualTo(128);

        Run again = run("dicom", "get", pacs.address(), "--study", MR_STUDY);
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("received 0 of 128, already present 128");
    }

    @Test
    void moveFetchesAChineseStudyThroughATemporaryListener() {
        Run r = run("dicom", "move", pacs.address(), "--study", GB18030_STUDY, "--aet", OUR_AE);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("received 1 of 1");

        Run ls = run("ls");
        assertThat(ls.out()).contains("张伟").contains("CN-GB18030").contains(GB18030_STUDY);
    }

    @Test
    void moveToAnAeTitleThePacsDoesNotKnowFailsWithItsReason() {
        Run r = run("dicom", "move", pacs.address(), "--study", GB18030_STUDY, "--aet", "STRANGER");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("\tat ");
        assertThat(run("ls").out()).doesNotContain("CN-GB18030");
    }

    @Test
    void sendStoresFilesAndAnArchivedStudyOnThePacs() throws Exception {
        int before = pacs.instanceCount();
        Run r = run("dicom", "send", pacs.address(), CORPUS.resolve("series-lena").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("sent 5, failed 0");
        assertThat(pacs.instanceCount()).isEqualTo(before + 5);

        Run missing = run("dicom", "send", pacs.address(), "--study", "1.2.3.4");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("1.2.3.4").contains("not in the local archive");
    }

    @Test
    void sendReportsAFileThatIsNotDicomByName() throws Exception {
        Path notes = Files.writeString(home.resolve("notes.txt"), "not an image");
        Run r = run("dicom", "send", pacs.address(), notes.toString(),
                CORPUS.resolve("charsets/chinese-GBK.dcm").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("sent 1, failed 1").contains("notes.txt");
    }

    @Test
    void worklistFiltersByDateAndShowsTheScheduledStep() throws Exception {
        Run r = run("dicom", "worklist", pacs.address(), "-k", "ScheduledProcedureStepStartDate=20240315", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode wl = new ObjectMapper().readTree(r.out());
        assertThat(wl).hasSize(1);
        JsonNode li = wl.get(0);
        assertThat(li.get("PatientName").asText()).startsWith("李娜");
        assertThat(li.get("PatientID").asText()).isEqualTo("WL0001");
        assertThat(li.get("Modality").asText()).isEqualTo("CT");
        assertThat(li.get("ScheduledStationAETitle").asText()).isEqualTo("CT01");
        assertThat(li.get("ScheduledProcedureStepStartTime").asText()).startsWith("0930");
        assertThat(li.get("RequestedProcedureDescription").asText()).isEqualTo("胸部CT平扫");

        Run all = run("dicom", "worklist", pacs.address());
        assertThat(all.out()).contains("李娜").contains("王建国").contains("2 scheduled procedures");
    }

    @Test
    void listenFilesWhatIsPushedUntilStopped() throws Exception {
        int port = OrthancPeer.freePort();
        StringWriter out = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Thread listener = new Thread(() -> cl.execute("dicom", "listen", "--port", String.valueOf(port)));
        listener.start();
        try {
            waitFor(() -> out.toString().contains("listening as " + OUR_AE + " on port " + port));
            Dcmtk.run("storescu", List.of("-aec", OUR_AE, "127.0.0.1", String.valueOf(port),
                    CORPUS.resolve("charsets/chinese-ISO_IR_192.dcm").toString())).requireSuccess();
            waitFor(() -> out.toString().contains("stored"));
            assertThat(out.toString()).contains("new study: ").contains("张伟").contains(UTF8_STUDY);
        } finally {
            listener.interrupt();
            listener.join(10_000);
        }
        assertThat(listener.isAlive()).isFalse();
        assertThat(run("ls").out()).contains("CN-ISO_IR_192");
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(key).asText())) {
                return n;
            }
        }
        throw new AssertionError("no result with " + key + "=" + value + " in " + array);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(50);
        }
    }

    private static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    /** A worklist entry as a hospital's RIS would leave it for Orthanc's worklist plugin, made with DCMTK. */
    static void writeWorklist(Path wl, String name, String id, String modality, String station, String date,
                              String procedure) throws Exception {
        Path dump = Files.createTempFile("worklist", ".txt");
        Files.writeString(dump, """
                (0008,0005) CS [ISO_IR 192]
                (0008,0050) SH [ACC%s]
                (0010,0010) PN [%s]
                (0010,0020) LO [%s]
                (0010,0030) DA [19800101]
                (0010,0040) CS [F]
                (0020,000d) UI [1.2.826.0.1.3680043.9.7433.3.%s]
                (0032,1060) LO [%s]
                (0040,0100) SQ (Sequence with undefined length)
                  (fffe,e000) na (Item with undefined length)
                    (0008,0060) CS [%s]
                    (0040,0001) AE [%s]
                    (0040,0002) DA [%s]
                    (0040,0003) TM [093000]
                    (0040,0007) LO [%s]
                    (0040,0009) SH [SPS1]
                  (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
                (0040,1001) SH [RP1]
                """.formatted(date, name, id, date, procedure, modality, station, date, procedure),
                StandardCharsets.UTF_8);
        Dcmtk.run("dump2dcm", List.of(dump.toString(), wl.toString())).requireSuccess();
        Files.delete(dump);
    }
}
