package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.Reports;
import org.fovea.reporting.export.PdfLayout;
import org.fovea.reporting.export.ReportDicom;
import org.fovea.reporting.export.ReportPdf;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.template.ReportTemplate;
import org.fovea.reporting.template.TemplateException;
import org.fovea.reporting.template.TemplateLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fovea report …}: the department's reports and templates from scripts. */
@Command(name = "report", description = "List, show and export reports; import and list report templates.",
        subcommands = {ReportCommand.ListReports.class, ReportCommand.Show.class, ReportCommand.Export.class,
                ReportCommand.Template.class, ReportHistoryCommand.History.class, ReportHistoryCommand.Diff.class,
                ReportSignOffCommand.Submit.class, ReportSignOffCommand.Approve.class, ReportSignOffCommand.Return.class,
                ReportSignOffCommand.Recall.class, ReportSignOffCommand.AddendumStep.class,
                ReportSignOffCommand.Verify.class})
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Command(name = "list", description = "List reports, newest exam first.")
    static final class ListReports implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;
        @Option(names = "--name", description = "Patient name: characters, pinyin or initials.")
        String name = "";
        @Option(names = "--text", description = "Words in the findings or the impression.")
        String text = "";
        @Option(names = "--limit", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit = 200;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase db = ReportingDatabase.forHome(report.parent.home())) {
                ReportQuery q = new ReportQuery(name, "", "", "", null, null, null, "", text, 0, limit);
                Reports.ReportPage page = new JdbcReports(db).search(q);
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("total", page.total());
                    doc.put("reports", page.rows().stream().map(ListReports::row).toList());
                    out.println(json().writeValueAsString(doc));
                } else {
                    for (ReportSummary s : page.rows()) {
                        out.printf("%d  %s  %-11s %s  %s  %s  %s%n", s.id(), s.study().studyDate() == null ? "          "
                                : s.study().studyDate(), s.status(), PersonNameFormat.display(s.study().patientName()),
                                s.study().patientId(), s.study().accessionNumber(), s.impressionStart());
                    }
                    out.printf("%d report(s)%n", page.total());
                }
            }
            out.flush();
            return 0;
        }

        private static Map<String, Object> row(ReportSummary s) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", s.id());
            r.putAll(study(s.study()));
            r.put("status", s.status().name());
            r.put("author", s.author());
            r.put("impression", s.impressionStart());
            return r;
        }
    }

    @Command(name = "show", description = "Show one report.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The report's number (see 'report list').")
        long id;
        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase db = ReportingDatabase.forHome(report.parent.home())) {
                Report r = find(new JdbcReports(db), id, report.parent.home());
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("id", r.id());
                    doc.put("version", r.version());
                    doc.put("status", r.status().name());
                    doc.put("author", r.author());
                    doc.put("study", study(r.study()));
                    doc.put("templateId", r.templateId());
                    doc.put("findings", r.findings());
                    doc.put("impression", r.impression());
                    doc.put("fields", r.fields());
                    doc.put("measurements", r.measurements());
                    doc.put("images", r.images().stream().map(i -> Map.of("caption", i.caption(),
                            "sopInstanceUid", i.sopInstanceUid(), "bytes", i.png().length)).toList());
                    doc.put("created", String.valueOf(r.created()));
                    doc.put("updated", String.valueOf(r.updated()));
                    out.println(json().writeValueAsString(doc));
                } else {
                    out.printf("Report %d (version %d), %s, by %s%n", r.id(), r.version(), r.status(), r.author());
                    out.printf("%s  %s  %s  %s %s%n", PersonNameFormat.display(r.study().patientName()),
                            r.study().patientId(), r.study().accessionNumber(), r.study().modality(), r.study().examItem());
                    out.println("\nFindings:\n" + r.findings());
                    out.println("\nImpression:\n" + r.impression());
                    out.printf("%n%d measurement(s), %d image(s)%n", r.measurements().size(), r.images().size());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", description = "Write a report as a PDF (hospital header from FOVEA_HOME/report-layout.json), "
            + "and/or file it in its study in the local archive as DICOM (TID 2000 SR and Encapsulated PDF).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The report's number (see 'report list').")
        long id;
        @Option(names = "--pdf", paramLabel = "FILE.pdf", description = "Write the PDF to this file.")
        Path pdf;
        @Option(names = "--into-study", description = "File the report in its study as DICOM SR and Encapsulated PDF "
                + "(series 9904 and 9905), so 'dicom send' takes it to the PACS.")
        boolean intoStudy;
        @Option(names = "--signatures", paramLabel = "DIR", description = "Write each signature (.p7s), the exact "
                + "content it signs (.json) and the certificates (PEM), so OpenSSL can check them: openssl cms -verify "
                + "-binary -inform DER -in X.p7s -content X.json -CAfile ca.pem")
        Path signatures;
        @Option(names = "--sr", paramLabel = "FILE.dcm", description = "Write the report as a DICOM SR (TID 2000) to "
                + "this file, with the patient and study of its study in the local archive.")
        Path sr;

        @Override
        public Integer call() throws Exception {
            if (pdf == null && sr == null && !intoStudy && signatures == null) {
                throw new UserError("Say what to export: --pdf FILE.pdf, --sr FILE.dcm, --signatures DIR and/or --into-study");
            }
            Path home = report.parent.home();
            PrintWriter out = spec.commandLine().getOut();
            Report r;
            try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
                r = find(new JdbcReports(db), id, home);
            }
            if (signatures != null) {
                try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
                    List<Path> written = new org.fovea.reporting.signature.ReportSignatures(db).export(id, signatures);
                    out.println("Wrote " + written.size() + " files to " + signatures + "; check each signature with:");
                    out.println("  openssl cms -verify -binary -inform DER -in X.p7s -content X.json -CAfile "
                            + signatures.resolve("ca.pem") + " -out /dev/null");
                }
            }
            try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
                // who exports from a shell is the account running it
                new org.fovea.reporting.audit.AuditLog(db).append(org.fovea.reporting.audit.Actor.here(
                        "os:" + System.getProperty("user.name", "")), org.fovea.reporting.audit.AuditAction.EXPORT_REPORT,
                        "report", Long.toString(id), (pdf != null ? "PDF " : "") + (sr != null ? "SR " : "")
                                + (signatures != null ? "signatures " : "") + (intoStudy ? "into the study" : ""));
            }
            byte[] bytes = ReportPdf.bytes(r, PdfLayout.load(home));
            if (pdf != null) {
                java.nio.file.Files.write(pdf, bytes);
                out.println("Wrote " + pdf);
            }
            if (sr != null || intoStudy) {
                try (LocalArchive archive = LocalArchive.open(home)) {
                    if (sr != null) {
                        writeSr(r, archive, home);
                        out.println("Wrote " + sr);
                    }
                    if (intoStudy) {
                        ImportReport filed = ReportDicom.intoArchive(r, bytes, archive, home);
                        out.println(filed.imported() > 0
                                ? "Filed report " + id + " (version " + r.version() + ") in study "
                                        + r.study().studyUid() + " as DICOM SR and Encapsulated PDF"
                                : "Report " + id + " (version " + r.version() + ") was already filed in study "
                                        + r.study().studyUid());
                    }
                } catch (java.io.IOException e) {
                    throw new UserError(e.getMessage());
                }
            }
            out.flush();
            return 0;
        }

        private void writeSr(Report r, LocalArchive archive, Path home) throws java.io.IOException {
            Path image = org.fovea.dicom.marks.MarkArchive.anyImageFile(archive, r.study().studyUid()).orElseThrow(
                    () -> new UserError("The local archive holds no image of study " + r.study().studyUid()
                            + " to take the patient and study from"));
            Path dir = java.nio.file.Files.createTempDirectory(home, "report-sr");
            try {
                Path written = ReportDicom.write(r, null, image, dir).get(0);
                java.nio.file.Files.move(written, sr, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                java.nio.file.Files.deleteIfExists(dir);
            }
        }
    }

    static Map<String, Object> study(org.fovea.reporting.StudyRef s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyUid", s.studyUid());
        m.put("accession", s.accessionNumber());
        m.put("patientId", s.patientId());
        m.put("patientName", s.patientName());
        m.put("sex", s.sex());
        m.put("birthDate", s.birthDate() == null ? "" : s.birthDate().toString());
        m.put("age", s.age());
        m.put("studyDate", s.studyDate() == null ? "" : s.studyDate().toString());
        m.put("modality", s.modality());
        m.put("bodyPart", s.bodyPart());
        m.put("examItem", s.examItem());
        return m;
    }

    static Report find(Reports reports, long id, Path home) {
        return reports.find(id).orElseThrow(() -> new UserError("No report " + id + " in the department database of "
                + home));
    }

    @Command(name = "template", description = "Import and list report templates (IHE MRRT).",
            subcommands = {ImportTemplate.class, ListTemplates.class})
    static final class Template implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "import", description = "Import an MRRT template (HTML); exit 1 with the reason when it is not usable.")
    static final class ImportTemplate implements Callable<Integer> {
        @ParentCommand
        Template template;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE.html")
        Path file;

        @Override
        public Integer call() throws Exception {
            try (ReportingDatabase db = ReportingDatabase.forHome(template.report.parent.home())) {
                ReportTemplate t = new TemplateLibrary(db.dataSource()).importFile(file);
                spec.commandLine().getOut().printf("Imported %s: %s (%d fields)%n", t.id(), t.title(), t.fields().size());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (TemplateException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List the template library.")
    static final class ListTemplates implements Callable<Integer> {
        @ParentCommand
        Template template;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase db = ReportingDatabase.forHome(template.report.parent.home())) {
                List<ReportTemplate> all = new TemplateLibrary(db.dataSource()).list("", "", "");
                if (json) {
                    out.println(json().writeValueAsString(all.stream().map(t -> Map.of("id", t.id(), "title", t.title(),
                            "modality", t.modality(), "bodyParts", t.bodyParts(), "examItems", t.examItems(),
                            "fields", t.fields().size())).toList()));
                } else {
                    for (ReportTemplate t : all) {
                        out.printf("%-28s %-4s %-10s %s%n", t.id(), t.modality(), String.join("/", t.bodyParts()), t.title());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
