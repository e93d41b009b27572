package org.fovea.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.CenterFixture;
import org.fovea.center.Role;
import org.fovea.center.server.CenterServer;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea remote submit|status|sync} at a township hospital against a real center
 * (PostgreSQL, Orthanc on it, HTTPS): the demo CT submitted from the local archive arrives
 * complete; the outbox says so; a study that is not there, or a center not named, is one sentence.
 */
class RemoteCommandTest {

    private static CenterFixture fixture;
    private static CenterServer center;
    private static Path pem;
    @TempDir
    static Path home;
    @TempDir
    static Path etc;

    @BeforeAll
    static void start() throws Exception {
        fixture = CenterFixture.start(etc, true, 0, 0);
        center = fixture.center();
        pem = fixture.certificate;
        fixture.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
        fixture.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        fixture.accounts().addHospital("CENTER", "远程诊断中心", true);
        fixture.accounts().addAccount("CENTER", "coordinator", "张协调", Role.COORDINATOR, "", "coord-pass-1".toCharArray());
        fixture.accounts().addAccount("CENTER", "expert.chest", "陈专家", Role.EXPERT, "chest", "chest-pass-1".toCharArray());
        fixture.accounts().addAccount("CENTER", "expert.neuro", "刘专家", Role.EXPERT, "neuro", "neuro-pass-1".toCharArray());
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        return runAt(home, stdin, args);
    }

    private static Run runAt(Path where, String stdin, String... args) {
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = FoveaCommand.commandLine(where);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            return new Run(cl.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void theDemoCtIsSubmittedFromTheArchiveAndArrivesComplete() throws Exception {
        String study = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
        Run submitted = run("doctor-a-pass\n", "remote", "submit", "--study", study, "--center",
                "https://localhost:" + center.port(), "--trust", pem.toString(), "--as", "doctor.a",
                "--note", "咳嗽两周", "--question", "结节性质？", "--urgent");
        assertThat(submitted.code()).as(submitted.err()).isZero();
        // the CT's slices and its scout
        assertThat(submitted.out()).contains("queued R-").contains("王建国").contains("61 images").contains("received");
        // each image sent once, or once more when the center's store asked for it again
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sent (\\d+) images, sent again (\\d+)")
                .matcher(submitted.out());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).isEqualTo(61);

        String id = submitted.out().substring(submitted.out().indexOf("queued ") + 7,
                submitted.out().indexOf(':', submitted.out().indexOf("queued ")));
        JsonNode status = java.util.stream.StreamSupport.stream(new ObjectMapper().readTree(run("", "remote", "status",
                "--json").out()).spliterator(), false).filter(n -> n.get("clientRequestId").asText().equals(id))
                .findFirst().orElseThrow();
        assertThat(status.get("state").asText()).isEqualTo("RECEIVED");
        assertThat(status.get("sent").asInt()).isEqualTo(61);
        assertThat(fixture.orthanc.instanceCount()).isGreaterThanOrEqualTo(61);

        // the trace on both sides
        Run trace = run("doctor-a-pass\n", "remote", "trace", id, "--center", "https://localhost:" + center.port(),
                "--trust", pem.toString(), "--as", "doctor.a");
        assertThat(trace.out()).contains("at this hospital:").contains("SUBMITTED").contains("RECEIVED_COMPLETE")
                .contains("at the center (").contains("CREATED").contains("IMAGES");

        // nothing left to send; the check against the center finds nothing missing
        Files.createDirectories(home.resolve("settings"));
        Files.writeString(home.resolve("settings").resolve("remote.json"), "{\"center\": \"https://localhost:"
                + center.port() + "\", \"trustCertificate\": \"" + pem + "\", \"login\": \"doctor.a\"}");
        Run sync = run("doctor-a-pass\n", "remote", "sync");
        assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("sent 0 images").contains("0 images to send again");
    }

    /**
     * D2 and D7 on the command line: a study submitted with an outside PDF report and a photographed
     * request attached; the center asks for images, the doctor adds what the study has, then it is
     * returned.
     */
    @Test
    void theCenterAsksForImagesThenReturnsTheRequest() throws Exception {
        String[] at = {"--center", "https://localhost:" + center.port(), "--trust", pem.toString()};
        // an outside report (PDF) and a photographed request come with it, filed into the study first
        Path pdf = home.resolve("外院报告.pdf");
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        Path photo = home.resolve("申请单.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(80, 60, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", photo.toFile());
        Path text = home.resolve("notes.txt");
        Files.writeString(text, "x");
        Run notPaper = run("doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study",
                DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL), "--as", "doctor.a", "--attach", text.toString()}, at));
        assertThat(notPaper.code()).isEqualTo(1);
        assertThat(notPaper.err().strip()).isEqualTo("fovea: " + text + " cannot be attached: it is not a PDF, JPEG or "
                + "PNG file");
        Run submitted = run("doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study",
                DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL), "--as", "doctor.a", "--attach", pdf.toString(),
                "--attach", photo.toString()}, at));
        assertThat(submitted.code()).as(submitted.err()).isZero();
        assertThat(submitted.out()).contains("32 images").contains("received");
        String clientId = submitted.out().substring(submitted.out().indexOf("queued ") + 7,
                submitted.out().indexOf(':', submitted.out().indexOf("queued ")));
        JsonNode status = new ObjectMapper().readTree(run("", "remote", "status", "--json").out());
        String centerId = java.util.stream.StreamSupport.stream(status.spliterator(), false)
                .filter(n -> n.get("clientRequestId").asText().equals(clientId)).findFirst().orElseThrow()
                .get("centerRequestId").asText();

        // D6: the birth date completed after submission
        Run completed = run("doctor-a-pass\n", concat(new String[] {"remote", "complete", clientId, "--birth-date",
                "19680512", "--as", "doctor.a"}, at));
        assertThat(completed.out()).as(completed.err()).contains(clientId + ": 王建国").contains("19680512");

        Run asked = run("coord-pass-1\n", concat(new String[] {"remote", "ask-images", centerId, "--reason",
                "请补传增强序列", "--as", "coordinator"}, at));
        assertThat(asked.out()).as(asked.err()).contains("TOWN-A is asked for 请补传增强序列");
        Run refused = run("doctor-a-pass\n", concat(new String[] {"remote", "return", centerId, "--reason", "x",
                "--as", "doctor.a"}, at));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("403").contains("only the request's expert or a coordinator");

        Run added = run("doctor-a-pass\n", concat(new String[] {"remote", "add-images", clientId, "--as", "doctor.a"},
                at));
        assertThat(added.out()).as(added.err()).contains(clientId + ": 0 images added")
                .contains("the center asks for more images: 请补传增强序列");

        Run returned = run("coord-pass-1\n", concat(new String[] {"remote", "return", centerId, "--reason",
                "图像不全，请重新申请", "--as", "coordinator"}, at));
        assertThat(returned.out()).as(returned.err()).contains("is returned to TOWN-A: 图像不全，请重新申请");
        Run synced = run("doctor-a-pass\n", concat(new String[] {"remote", "sync", "--as", "doctor.a"}, at));
        assertThat(synced.out()).contains(clientId).contains("returned")
                .contains("returned by the center: 图像不全，请重新申请");
    }

    /** D4 on the command line: the chest expert forwards a case to the neuro group, which answers; the thread is kept. */
    @Test
    void aCaseIsForwardedForConsultationAndAnswered() throws Exception {
        String[] at = {"--center", "https://localhost:" + center.port(), "--trust", pem.toString()};
        var request = fixture.client(center, "doctor.a", "doctor-a-pass").create(new org.fovea.center.NewRequest(
                "C-1", "FV0001", "王建国", "M", "", "1.2.3.77", "", "CT", "HEAD", "头颅CT", "", "占位？",
                org.fovea.center.Urgency.ROUTINE, 0));
        fixture.client(center, "coordinator", "coord-pass-1").assign(request.id(), "expert.chest");
        String id = request.id().toString();
        Run asked = run("chest-pass-1\n", concat(new String[] {"remote", "consult", id, "--group", "neuro",
                "--question", "颅内占位性质？", "--as", "expert.chest"}, at));
        assertThat(asked.out()).as(asked.err()).contains("to group neuro").contains("OPEN").contains("颅内占位性质？");
        String consultation = asked.out().replaceAll("(?s)^consultation (\\d+).*", "$1");
        Run answered = run("neuro-pass-1\n", concat(new String[] {"remote", "opinion", id, consultation, "--text",
                "考虑脑膜瘤", "--as", "expert.neuro"}, at));
        assertThat(answered.out()).as(answered.err()).contains("刘专家 (expert.neuro): 考虑脑膜瘤");
        Run closed = run("chest-pass-1\n", concat(new String[] {"remote", "consult-close", id, consultation, "--as",
                "expert.chest"}, at));
        assertThat(closed.out()).contains("closed at");
        Run priors = run("chest-pass-1\n", concat(new String[] {"remote", "priors", id, "--as", "expert.chest"}, at));
        // the patient's earlier requests of this hospital (other tests' ones, depending on their order), never itself
        assertThat(priors.code()).as(priors.err()).isZero();
        assertThat(priors.out()).doesNotContain(id);
        Run thread = run("chest-pass-1\n", concat(new String[] {"remote", "consultations", id, "--as", "expert.chest"},
                at));
        assertThat(thread.out()).contains("颅内占位性质？").contains("考虑脑膜瘤").contains("closed at");
        Run late = run("neuro-pass-1\n", concat(new String[] {"remote", "consultations", id, "--as", "expert.neuro"},
                at));
        assertThat(late.code()).isEqualTo(1);
        assertThat(late.err()).contains("403");
    }

    /** D2: a study only the hospital PACS holds is retrieved first, then submitted; one it lacks is one sentence. */
    @Test
    void aStudyOnlyInTheHospitalPacsIsRetrievedFirst(@TempDir Path workstation, @TempDir Path pacsDir) throws Exception {
        String dx = DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL);
        List<Path> files = new java.util.ArrayList<>();
        try (LocalArchive archive = LocalArchive.open(home)) {
            archive.series(dx).forEach(s -> archive.instances(s.seriesUid()).forEach(i -> files.add(i.file())));
        }
        try (org.fovea.dicom.net.peers.OrthancPeer pacs = org.fovea.dicom.net.peers.OrthancPeer.start(pacsDir,
                List.of())) {
            pacs.upload(files);
            String[] at = {"--center", "https://localhost:" + center.port(), "--trust", pem.toString(), "--as",
                    "doctor.a", "--retrieve-from", pacs.address()};
            Run submitted = runAt(workstation, "doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study", dx,
                    "--question", "肺部感染？"}, at));
            assertThat(submitted.code()).as(submitted.err()).isZero();
            assertThat(submitted.out()).contains("retrieved from " + pacs.address() + ": " + files.size() + " images")
                    .contains(files.size() + " images").contains("received");
            // D1: with this hospital's own report of it, for the expert to review
            Run noReport = runAt(workstation, "doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study", dx,
                    "--with-report"}, at));
            assertThat(noReport.err()).contains("There is no report of study " + dx + " here to send for review");
            try (org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.forHome(workstation)) {
                new org.fovea.reporting.store.JdbcReports(db).save(org.fovea.reporting.Report.draft(
                        new org.fovea.reporting.StudyRef(dx, "", "FV0001", "王建国", "M", null, "", null, "DX", "CHEST",
                                "胸部正位", "", ""), "", "李医生").withText("双肺纹理增多。", "支气管炎可能。"), "李医生", "WS");
            }
            Run reviewed = runAt(workstation, "doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study", dx,
                    "--with-report"}, at));
            assertThat(reviewed.out()).as(reviewed.err()).contains("with our report by 李医生, for review");
            var doctor = fixture.client(center, "doctor.a", "doctor-a-pass");
            boolean atCenter = false;
            for (JsonNode n : new ObjectMapper().readTree(runAt(workstation, "", "remote", "status", "--json").out())) {
                atCenter |= doctor.events(java.util.UUID.fromString(n.get("centerRequestId").asText())).stream()
                        .anyMatch(e -> e.what().equals("LOCAL_REPORT"));
            }
            assertThat(atCenter).as("the center has our report").isTrue();

            Run missing = runAt(workstation, "doctor-a-pass\n", concat(new String[] {"remote", "submit", "--study",
                    "1.2.826.0.1.3680043.10.543.404"}, at));
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("gave 0 of 0 images of study 1.2.826.0.1.3680043.10.543.404")
                    .contains("nothing was submitted");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMissingStudyOrAnUnnamedCenterIsOneSentence(@TempDir Path elsewhere) {
        Run missing = run("doctor-a-pass\n", "remote", "submit", "--study", "1.2.3.4", "--center",
                "https://localhost:" + center.port(), "--trust", pem.toString(), "--as", "doctor.a");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("fovea: There is no study 1.2.3.4 in the local archive "
                + "(./fovea ls lists them).");
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(elsewhere);
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("remote", "sync")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("fovea: Say which center").contains("remote.json");
        Run plain = run("x\n", "remote", "sync", "--center", "http://localhost:1", "--trust", pem.toString(),
                "--as", "doctor.a");
        assertThat(plain.err()).contains("HTTPS only");
    }
}
