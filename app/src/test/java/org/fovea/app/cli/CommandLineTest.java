package org.fovea.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.dicom.archive.TinyImage;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.testsupport.Pnm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as an admin or a script uses it, on a real archive in a temp FOVEA_HOME. */
class CommandLineTest {

    private static final Path CORPUS = Path.of(System.getProperty("fovea.shared", "../../shared"), "testdata", "dicom");

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
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

    /** The small demo in the archive, measured as {@code ./fovea demo} measures it; the caller closes it. */
    private org.fovea.dicom.archive.LocalArchive smallMeasuredDemo() {
        org.fovea.dicom.archive.LocalArchive archive = org.fovea.dicom.archive.LocalArchive.open(home);
        org.fovea.dicom.demo.DemoStudies.ensure(org.fovea.dicom.demo.DemoSize.SMALL, archive, home.resolve("work"),
                org.fovea.dicom.demo.DemoListener.none(), org.fovea.dicom.CancelToken.none());
        try {
            org.fovea.dicom.demo.DemoMeasurements.ensureSaved(archive, org.fovea.dicom.demo.DemoSize.SMALL,
                    home.resolve("work"), m -> "");
        } catch (Exception e) {
            archive.close();
            throw new IllegalStateException(e);
        }
        return archive;
    }

    @Test
    void measurementsListsTheDemosSavedMeasurementsWithValuesUnitsAndPlaces() throws Exception {
        smallMeasuredDemo().close();
        String film = org.fovea.dicom.demo.DemoStudy.CHEST_DR.studyUid(org.fovea.dicom.demo.DemoSize.SMALL);
        Run text = run("measurements", "--study", film);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("cardiothoracic").contains("cardiothoracic ratio 0.4").contains("mm")
                .contains("Imager Pixel Spacing");

        String ct = org.fovea.dicom.demo.DemoStudy.CURRENT_CT.studyUid(org.fovea.dicom.demo.DemoSize.SMALL);
        JsonNode json = new ObjectMapper().readTree(run("measurements", "--json", "--study", ct).out());
        JsonNode lengths = json.get("measurements");
        assertThat(lengths).hasSize(3);
        for (JsonNode m : lengths) {
            assertThat(m.get("type").asText()).isEqualTo("length");
            assertThat(m.get("values").get(0).get("unit").asText()).isEqualTo("mm");
            assertThat(m.get("points")).hasSize(2);
            assertThat(m.get("sopInstanceUid").asText()).startsWith("2.25.");
        }
        assertThat(json.get("keyImages")).hasSize(1);

        Run missing = run("measurements", "--study", "1.2.3.4");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("No study 1.2.3.4");
    }

    @Test
    void theDemosReportsAreListedShownAndFoundByPinyinAndTemplatesImportOrAreRefusedWithTheReason() throws Exception {
        try (org.fovea.dicom.archive.LocalArchive archive = smallMeasuredDemo()) {
            java.util.ResourceBundle zh = org.fovea.app.view.Messages.bundle(java.util.Locale.SIMPLIFIED_CHINESE);
            assertThat(DemoReports.ensure(archive, home, org.fovea.dicom.demo.DemoSize.SMALL, zh)).isEqualTo(2);
            assertThat(DemoReports.ensure(archive, home, org.fovea.dicom.demo.DemoSize.SMALL, zh)).as("once").isZero();
        }
        JsonNode list = new ObjectMapper().readTree(run("report", "list", "--json").out());
        assertThat(list.get("total").asInt()).isEqualTo(2);
        JsonNode finished = null;
        for (JsonNode r : list.get("reports")) {
            if (r.get("status").asText().equals("FINAL")) {
                finished = r;
            }
        }
        assertThat(finished).isNotNull();
        assertThat(new ObjectMapper().readTree(run("report", "list", "--json", "--name", "wjg", "--text", "分叶").out())
                .get("total").asInt()).as("pinyin initials of 王建国 and a word of the impression").isEqualTo(1);

        JsonNode shown = new ObjectMapper().readTree(run("report", "show", finished.get("id").asText(), "--json").out());
        assertThat(shown.get("findings").asText()).contains("双肺纹理清晰").contains("mm");
        assertThat(shown.get("impression").asText()).contains("右肺上叶实性结节");
        assertThat(shown.get("measurements").size()).isEqualTo(3);
        assertThat(shown.get("images").get(0).get("bytes").asInt()).isPositive();
        assertThat(shown.get("fields").get("nodule-size").asText()).isEqualTo("20");
        assertThat(run("report", "show", "999").err()).contains("No report 999");
        Path pdf = home.resolve("report.pdf");
        assertThat(run("report", "export", finished.get("id").asText(), "--pdf", pdf.toString()).code()).isZero();
        String text = org.fovea.testsupport.Command.of(List.of("pdftotext", pdf.toString(), "-")).run().requireSuccess().stdout();
        assertThat(text).contains("右肺上叶实性结节").contains("王建国");
        Run filed = run("report", "export", finished.get("id").asText(), "--into-study");
        assertThat(filed.out()).as(filed.err()).contains("Filed report");
        assertThat(run("report", "export", finished.get("id").asText(), "--into-study").out()).contains("already filed");
        try (org.fovea.dicom.archive.LocalArchive archive = org.fovea.dicom.archive.LocalArchive.open(home)) {
            String study = shown.get("study").get("studyUid").asText();
            assertThat(archive.series(study).stream().filter(s -> s.number() >= 9904)
                    .map(s -> s.number() + " " + s.modality() + " " + s.instanceCount()))
                    .containsExactlyInAnyOrder("9904 SR 1", "9905 DOC 1");
        }
        assertThat(run("report", "export", finished.get("id").asText()).err()).contains("--into-study");
        Path sr = home.resolve("report-sr.dcm");
        assertThat(run("report", "export", finished.get("id").asText(), "--sr", sr.toString()).code()).isZero();
        String dump = org.fovea.testsupport.Command.of(List.of("dsrdump", "+U8", "+Pl", sr.toString())).run()
                .requireSuccess().stdout();
        assertThat(dump).contains("Diagnostic Imaging Report").contains("右肺上叶实性结节").contains("COMPLETE");

        // the demo's CT report went through the full sign-off: three signatures, all valid
        Run verified = run("report", "verify", "--all");
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("1 signed reports checked, 0 failed");
        Run one = run("report", "verify", finished.get("id").asText());
        assertThat(one.out()).contains("level 1 submit   li").contains("level 2 approve  zhang")
                .contains("level 3 approve  chen       SM2").contains("by 陈静");
        Path sigs = home.resolve("signatures");
        assertThat(run("report", "export", finished.get("id").asText(), "--signatures", sigs.toString()).out())
                .contains("openssl cms -verify");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(sigs)) {
            List<Path> rsa = files.filter(f -> f.toString().endsWith(".p7s") && !f.toString().contains("-chen")).toList();
            assertThat(rsa).hasSize(2);
            for (Path p7s : rsa) {
                org.fovea.testsupport.Command.Result r = org.fovea.testsupport.Command.of(List.of("openssl", "cms", "-verify",
                        "-binary", "-inform", "DER", "-in", p7s.toString(), "-content",
                        p7s.toString().replace(".p7s", ".json"), "-CAfile", sigs.resolve("ca.pem").toString(), "-out",
                        "/dev/null")).mergeStderr().run();
                assertThat(r.stdout()).as(p7s.toString()).contains("Verification successful");
            }
        }

        // the chest film's draft: submitted by the junior, approved (final at two levels) by the senior
        String film = null;
        for (JsonNode r : list.get("reports")) {
            if (r.get("status").asText().equals("DRAFT")) {
                film = r.get("id").asText();
            }
        }
        assertThat(runWithInput("Demo-2026\n", "report", "approve", film, "--as", "zhang").err())
                .contains("cannot be approved");
        assertThat(runWithInput("Demo-2026\n", "report", "submit", film, "--as", "li").out()).contains("is now submitted");
        assertThat(runWithInput("Demo-2026\n", "report", "approve", film, "--as", "li").err()).contains("already signed");
        assertThat(runWithInput("Demo-2026\n", "report", "approve", film, "--as", "zhang").out())
                .contains("is now final").contains("signed by 张伟");
        assertThat(run("report", "verify", "--all").out()).contains("2 signed reports checked, 0 failed");
        assertThat(runWithInput("Demo-2026\n", "report", "addendum", finished.get("id").asText(), "--as", "li", "--text",
                "补充：左肺下叶另见一枚 3 mm 微小结节。").out()).contains("Addendum 1").contains("signed by 李明");
        assertThat(runWithInput("Demo-2026\n", "report", "addendum", film, "--as", "liu", "--text", "x").err())
                .contains("may not write an addendum");
        assertThat(run("report", "verify", finished.get("id").asText()).out()).contains("addendum 1").contains("li")
                .contains("all signatures valid");
        try (org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.forHome(home);
             java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE reports SET impression = '未见异常。' WHERE id = " + film);
        }
        Run tampered = run("report", "verify", "--all");
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.out()).contains("Report " + film + ": FAILED").contains("not the text that was signed")
                .contains("2 signed reports checked, 1 failed");

        // a critical value on the demo CT's report, acknowledged from the command line
        assertThat(run("alert", "list", "--open").out()).contains("No open alerts");
        try (org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.forHome(home)) {
            org.fovea.reporting.identity.Users users = new org.fovea.reporting.identity.Users(db);
            new org.fovea.reporting.alert.CriticalAlerts(db).raise(new org.fovea.reporting.store.JdbcReports(db)
                    .find(finished.get("id").asLong()).orElseThrow(), users.find("li").orElseThrow(), "肺动脉栓塞", "liu",
                    "liu", "chen", "", "CT-1");
        }
        assertThat(run("alert", "list", "--open").out()).contains("OPEN").contains("肺动脉栓塞 (RED)").contains("RAISED");
        assertThat(run("alert", "escalate").out()).contains("0 alert(s) escalated");
        assertThat(runWithInput("Demo-2026\n", "alert", "ack", "1", "--as", "liu", "--read-back", "肺栓塞，已启动抗凝").out())
                .contains("acknowledged by 刘洋");
        assertThat(run("alert", "list").out()).contains("ACKNOWLEDGED").contains("肺栓塞，已启动抗凝");

        String history = run("report", "history", finished.get("id").asText()).out();
        assertThat(history).contains("version 1").contains("FINAL");
        assertThat(run("report", "diff", finished.get("id").asText(), "1", "9").err()).contains("has no version 9");

        Path bad = home.resolve("bad.html");
        java.nio.file.Files.writeString(bad, "<html><head><meta name=\"dcterms.identifier\" content=\"x\"></head><body></body></html>");
        Run refused = run("report", "template", "import", bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("bad.html").contains("line 1").contains("title");
        Path good = home.resolve("good.html");
        java.nio.file.Files.writeString(good, java.nio.file.Files.readString(Path.of("../reporting/src/main/resources/templates/ct-head-zh.html"))
                .replace("ct-head-zh", "hospital-ct-head").replace("CT 头颅平扫", "本院头颅CT"));
        assertThat(run("report", "template", "import", good.toString()).code()).isZero();
        JsonNode templates = new ObjectMapper().readTree(run("report", "template", "list", "--json").out());
        assertThat(templates.findValuesAsText("id")).contains("hospital-ct-head", "ct-chest-zh", "dr-chest-zh");
    }

    /** Runs a command with standard input, as a script feeding passwords would. */
    private Run runWithInput(String input, String... args) {
        java.io.InputStream before = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void anAdministratorManagesUsersAndEveryChangeAfterTheFirstNeedsTheirPassword() throws Exception {
        assertThat(run("user", "list").err()).contains("no administrator yet");
        Run first = runWithInput("Admin-2026x\n", "user", "add", "admin", "--name", "管理员", "--role", "administrator");
        assertThat(first.out()).as(first.err()).contains("Added admin (管理员), administrator");
        Run unnamed = runWithInput("Zw-2026-read\n", "user", "add", "zhangwei", "--name", "张伟", "--role", "senior-radiologist");
        assertThat(unnamed.code()).isEqualTo(1);
        assertThat(unnamed.err()).contains("--as");
        Run wrong = runWithInput("not-it-2026\nZw-2026-read\n", "user", "--as", "admin", "add", "zhangwei", "--name", "张伟",
                "--role", "senior-radiologist");
        assertThat(wrong.err()).contains("Wrong login or password for admin").contains("4 attempts left");
        Run added = runWithInput("Admin-2026x\nZw-2026-read\n", "user", "--as", "admin", "add", "zhangwei", "--name", "张伟",
                "--role", "senior-radiologist");
        assertThat(added.out()).as(added.err()).contains("Added zhangwei (张伟), senior-radiologist");
        assertThat(runWithInput("Admin-2026x\nshort\n", "user", "--as", "admin", "add", "li", "--name", "李", "--role",
                "junior-radiologist").err()).contains("at least 8 characters");
        assertThat(runWithInput("Admin-2026x\n", "user", "--as", "admin", "role", "zhangwei", "nurse").err())
                .contains("No role \"nurse\"");
        assertThat(runWithInput("Admin-2026x\n", "user", "--as", "admin", "role", "zhangwei", "chief").out())
                .contains("zhangwei is now chief");
        // the department CA, and a signing key for the chief, from the command line
        assertThat(runWithInput("Admin-2026x\nCa-pass-2026\n", "user", "--as", "admin", "key", "ca", "--name", "放射科 CA")
                .out()).contains("Created the department CA").contains("CN=放射科 CA");
        assertThat(runWithInput("Admin-2026x\nnot-the-ca-1\nZw-2026-read\n", "user", "--as", "admin", "key", "issue",
                "zhangwei").err()).contains("wrong password");
        assertThat(runWithInput("Admin-2026x\nCa-pass-2026\nZw-2026-read\n", "user", "--as", "admin", "key", "issue",
                "zhangwei", "--algorithm", "SM2").out()).contains("Issued zhangwei a SM2 key").contains("UID=zhangwei");
        Run notAdmin = runWithInput("Zw-2026-read\n", "user", "--as", "zhangwei", "list");
        assertThat(notAdmin.err()).contains("zhangwei is a chief and may not do this (manage users)");

        JsonNode users = new ObjectMapper().readTree(runWithInput("Admin-2026x\n", "user", "--as", "admin", "list", "--json").out());
        assertThat(users.findValuesAsText("login")).containsExactly("admin", "zhangwei");
        assertThat(users.get(1).get("role").asText()).isEqualTo("chief");
        assertThat(users.get(1).get("name").asText()).isEqualTo("张伟");
        assertThat(runWithInput("Admin-2026x\n", "user", "--as", "admin", "disable", "admin").err())
                .contains("last administrator");
        assertThat(runWithInput("Admin-2026x\n", "user", "--as", "admin", "disable", "zhangwei").out()).contains("disabled");
        try (org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.forHome(home)) {
            assertThat(new org.fovea.reporting.identity.Users(db).authenticate("zhangwei", "Zw-2026-read".toCharArray()))
                    .isInstanceOf(org.fovea.reporting.identity.LoginResult.Refused.class);
        }

        // every change is in the audit log; the chain checks; an administrator reads and exports it
        Run verified = run("audit", "verify");
        assertThat(verified.code()).isZero();
        assertThat(verified.out()).contains("Audit log intact: 6 records");
        Run listed = runWithInput("Admin-2026x\n", "audit", "--as", "admin", "list", "--action", "USER_CHANGED");
        assertThat(listed.out()).contains("role chief").contains("disabled").doesNotContain("USER_ADDED");
        assertThat(runWithInput("Zw-2026-read\n", "audit", "--as", "zhangwei", "list").err()).contains("disabled");
        Path csv = home.resolve("audit.csv");
        assertThat(runWithInput("Admin-2026x\n", "audit", "--as", "admin", "export", "--csv", csv.toString()).out())
                .contains("Wrote 6 records");
        assertThat(java.nio.file.Files.readString(csv)).contains("USER_ADDED").contains("管理员, administrator");
        try (org.fovea.reporting.ReportingDatabase db = org.fovea.reporting.ReportingDatabase.forHome(home);
             java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_log SET detail = 'role junior-radiologist' WHERE detail = 'role chief'");
        }
        Run broken = run("audit", "verify");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN").contains("(USER_CHANGED by admin at").contains("was changed");
    }

    @Test
    void importListsChineseNamesAndSkipsDuplicatesAndUnsupportedFiles() throws Exception {
        Run first = run("import", CORPUS.resolve("charsets/chinese-GB18030.dcm").toString(),
                CORPUS.resolve("charsets/chinese-GBK.dcm").toString(), CORPUS.resolve("series-lena").toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("imported 7").contains("failed 0");

        Run again = run("import", CORPUS.resolve("series-lena").toString());
        assertThat(again.out()).contains("imported 0").contains("duplicates skipped 5");

        Run ls = run("ls");
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).contains("张伟").contains("胸部CT平扫");

        JsonNode json = new ObjectMapper().readTree(run("ls", "--json").out());
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(json.get("more").asBoolean()).isFalse();
        assertThat(json.get("studies").findValuesAsText("patientName")).contains("张伟^=ZHANG^WEI");
        assertThat(json.get("studies").get(0).get("series").isArray()).isTrue();
    }

    @Test
    void lsPagesNewestFirstAndSaysWhenMoreFollow() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        for (int day = 1; day <= 5; day++) {
            TinyImage.of("LS^TEST", "LS1").studyDate("2024010" + day).write(in);
        }
        assertThat(run("import", in.toString()).code()).isZero();

        Run first = run("ls", "--limit", "2");
        assertThat(studyLines(first.out())).extracting(l -> l.split("  ")[2]).containsExactly("2024-01-05", "2024-01-04");
        assertThat(first.out()).contains("Studies 1-2 of 5, newest first. More: --offset 2 (the next 2), or --all.");
        Run last = run("ls", "--limit", "2", "--offset", "4");
        assertThat(studyLines(last.out())).extracting(l -> l.split("  ")[2]).containsExactly("2024-01-01");
        assertThat(last.out()).contains("Studies 5-5 of 5").doesNotContain("More:");
        assertThat(studyLines(run("ls", "--all").out())).hasSize(5);
        assertThat(run("ls", "--limit", "0").err()).contains("--limit must be 1 or more");

        JsonNode page = new ObjectMapper().readTree(run("ls", "--json", "--limit", "2", "--offset", "2").out());
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("offset").asInt()).isEqualTo(2);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(page.get("studies").findValuesAsText("studyDate")).containsExactly("2024-01-03", "2024-01-02");
    }

    @Test
    void lsPrintsMissingDatesAndSeriesNumbersAsEmptyNeverNull() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        TinyImage.of("LS^TEST", "LS1").studyDate(null).seriesNumber(null).write(in);
        assertThat(run("import", in.toString()).code()).isZero();

        Run table = run("ls");
        assertThat(table.out()).doesNotContain("null").contains("    # CT ");
        Run json = run("ls", "--json");
        assertThat(json.out()).doesNotContain("null");
        JsonNode study = new ObjectMapper().readTree(json.out()).get("studies").get(0);
        assertThat(study.get("study").get("studyDate").asText()).isEmpty();
        assertThat(study.get("study").get("birthDate").asText()).isEmpty();
        assertThat(study.get("series").get(0).get("number").asText()).isEmpty();
    }

    /** The lines of ls' table that are studies (series lines are indented, the last line says how many). */
    private static java.util.List<String> studyLines(String out) {
        return out.lines().filter(l -> !l.startsWith(" ") && !l.startsWith("Studies ")).toList();
    }

    @Test
    void importReportsEachBadFileByNameAndExitsNonZero() throws Exception {
        Path bad = Files.createDirectories(home.resolve("incoming"));
        Files.writeString(bad.resolve("notes.txt"), "not an image");
        Files.copy(CORPUS.resolve("transfer-syntaxes/1.2.840.10008.1.2.4.91.dcm"), bad.resolve("j2k.dcm"));
        Files.copy(CORPUS.resolve("series-lena/Lena-1.dcm"), bad.resolve("good.dcm"));

        Run r = run("import", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("imported 1");
        assertThat(r.out()).contains("notes.txt").contains("j2k.dcm").contains("1.2.840.10008.1.2.4.91");
    }

    @Test
    void importOfAMissingPathIsOneSentence() {
        Run r = run("import", home.resolve("nowhere").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("nowhere").contains("no such file");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void snapshotHangShowsTheChestCtAsItsProtocolHangsItWithThePrior() throws Exception {
        smallMeasuredDemo().close();
        String ct = org.fovea.dicom.demo.DemoStudy.CURRENT_CT.studyUid(org.fovea.dicom.demo.DemoSize.SMALL);
        Path png = home.resolve("hung.png");
        Run r = run("snapshot", "--study", ct, "--hang", "--screen", "1280x800", "--lang", "en", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(new int[] {shot.getWidth(), shot.getHeight()}).containsExactly(1280, 800);
        // lung and mediastinal windows over the current study and over last year's
        String today = java.time.LocalDate.now().toString();
        String yearAgo = java.time.LocalDate.now().minusYears(1).toString();
        assertThat(r.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("viewport 1: " + today + " series 1 ").endsWith("W 1500 L -600");
            assertThat(lines.get(1)).startsWith("viewport 2: " + today + " series 1 ").endsWith("W 350 L 40");
            assertThat(lines.get(2)).startsWith("viewport 3: " + yearAgo + " series 1 ").endsWith("W 1500 L -600");
            assertThat(lines.get(3)).startsWith("viewport 4: " + yearAgo + " series 1 ").endsWith("W 350 L 40");
        });
        // the lung window shows the air around the body dark grey, the mediastinal one black:
        // a large area of the lung window's air grey is on the picture
        int air = (int) Math.round((-1000 - (-600 - 0.5)) / 1499.0 * 255 + 127.5);
        int grey = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y);
                if (Math.abs((rgb & 0xFF) - air) <= 3 && ((rgb >> 8) & 0xFF) == (rgb & 0xFF)) {
                    grey++;
                }
            }
        }
        assertThat(grey).as("pixels of the lung window's air grey " + air).isGreaterThan(1280 * 800 / 20);

        Run bad = run("snapshot", "--study", ct, "--out", png.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--hang");
    }

    @Test
    void snapshotMatchesDcmtkAtTheSameWindow() throws Exception {
        Path ct = CORPUS.resolve("transfer-syntaxes/1.2.840.10008.1.2.4.70.dcm");
        Path png = home.resolve("ct.png");
        Run r = run("snapshot", ct.toString(), "--wl", "400,40", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();

        BufferedImage ours = ImageIO.read(png.toFile());
        int[][] dcmtk = dcmj2pnm(ct, 40, 400);
        assertThat(ours.getWidth()).isEqualTo(dcmtk[0].length);
        assertThat(ours.getHeight()).isEqualTo(dcmtk.length);
        int worst = 0;
        for (int y = 0; y < ours.getHeight(); y++) {
            for (int x = 0; x < ours.getWidth(); x++) {
                int rgb = ours.getRGB(x, y);
                int gray = rgb & 0xFF;
                assertThat((rgb >> 16) & 0xFF).isEqualTo(gray);
                worst = Math.max(worst, Math.abs(gray - dcmtk[y][x]));
            }
        }
        assertThat(worst).as("largest gray-level difference from dcmj2pnm").isLessThanOrEqualTo(1);
    }

    @Test
    void snapshotRefusesAnUnsupportedTransferSyntaxByName() {
        Run r = run("snapshot", CORPUS.resolve("transfer-syntaxes/1.2.840.10008.1.2.4.91.dcm").toString(),
                "--out", home.resolve("x.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("1.2.840.10008.1.2.4.91.dcm").contains("JPEG 2000");
        assertThat(Files.exists(home.resolve("x.png"))).isFalse();
    }

    @Test
    void snapshotRejectsABadWindowWithTheExpectedForm() {
        Run r = run("snapshot", CORPUS.resolve("series-lena/Lena-1.dcm").toString(), "--wl", "abc",
                "--out", home.resolve("x.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--wl expects WIDTH,CENTER");
    }

    /** DCMTK's rendering of the file at the given window, as rows of 8-bit gray levels. */
    private int[][] dcmj2pnm(Path dicom, double center, double width) {
        Path pgm = home.resolve("dcmtk.pgm");
        Dcmtk.run("dcmj2pnm", List.of("+Ww", String.valueOf(center), String.valueOf(width), "+op",
                dicom.toString(), pgm.toString())).requireSuccess();
        Pnm image = Pnm.read(pgm);
        assertThat(image.channels()).isEqualTo(1);
        int[][] rows = new int[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                rows[y][x] = image.sample(x, y, 0);
            }
        }
        return rows;
    }
}
