package org.fovea.app.cli;

import org.fovea.app.view.ReportMeasurements;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.app.view.StudyRefs;
import org.fovea.render.WindowLevel;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Measured;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.Reports;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.template.MergeFields;
import org.fovea.reporting.template.ReportTemplate;
import org.fovea.reporting.template.TemplateLibrary;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The demo's reports, so a new user opens the editor on real content: the current chest CT
 * reported by the junior (its nodule measurements and the 20 mm nodule's slice as a key image,
 * the nodule's signs in the structured fields) and carried through the demo department's full
 * sign-off — submitted, approved by the senior, signed final by the chief, each step signed — and
 * the chest film's report as the junior's draft with its cardiothoracic ratio. Written once; a
 * study that already has a report is left alone.
 */
final class DemoReports {

    private DemoReports() {
    }

    /** @return how many reports were written */
    static int ensure(LocalArchive archive, Path home, DemoSize size, ResourceBundle words) throws Exception {
        int written = 0;
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            DemoUsers.ensure(db);
            Reports reports = new JdbcReports(db);
            TemplateLibrary templates = new TemplateLibrary(db.dataSource());
            MarkArchive marks = new MarkArchive(archive, home.resolve("work"));
            Report ct = write(archive, reports, marks, DemoStudy.CURRENT_CT, size, templates.find("ct-chest-zh").orElseThrow(),
                    Map.of("nodule-lobe", "右肺上叶", "nodule-size", "20", "nodule-density", "实性",
                            "sign-lobulation", "true"),
                    "右肺上叶实性结节，大小约 20 mm，边缘见分叶；另见两枚小结节（约 10 mm、6 mm）。建议 3 个月后复查或进一步检查。",
                    words);
            if (ct != null) {
                signOff(db, ct);
                written++;
            }
            written += write(archive, reports, marks, DemoStudy.CHEST_DR, size, templates.find("dr-chest-zh").orElseThrow(),
                    Map.of(), null, words) == null ? 0 : 1;
        }
        return written;
    }

    /** Submitted by the junior, approved by the senior, signed final by the chief: three signed steps. */
    private static void signOff(ReportingDatabase db, Report r) throws Exception {
        Users users = new Users(db);
        SigningKeys keys = new SigningKeys(db);
        String workstation = Actor.thisWorkstation();
        Report current = r;
        for (String[] step : new String[][] {{"li", "SUBMIT"}, {"zhang", "APPROVE"}, {"chen", "APPROVE"}}) {
            User u = users.find(step[0]).orElseThrow();
            JdbcSignOffs signOffs = new JdbcSignOffs(db, ReportSignatures.signer(
                    keys.unlock(u.login(), DemoUsers.PASSWORD.toCharArray())));
            current = signOffs.act(current.id(), current.version(), u, SignOffAction.valueOf(step[1]), null, workstation);
        }
    }

    /** The junior's draft of a demo study, saved; null when the study is missing or already reported. */
    private static Report write(LocalArchive archive, Reports reports, MarkArchive marks, DemoStudy which, DemoSize size,
                                ReportTemplate template, Map<String, String> fields, String impression,
                                ResourceBundle words) throws Exception {
        String uid = which.studyUid(size);
        StudySummary study = archive.study(uid).orElse(null);
        if (study == null || !reports.ofStudy(uid).isEmpty()) {
            return null;
        }
        List<InstanceEntry> firstSeries = archive.series(uid).stream().filter(s -> !MarkArchive.documentSeries(s))
                .map(s -> archive.instances(s.seriesUid())).filter(l -> !l.isEmpty()).findFirst().orElseThrow();
        ImageHeader header = DicomImage.read(firstSeries.get(0).file()).header();
        StudyRef ref = StudyRefs.of(study, header);
        List<Annotation> ours = marks.load(uid).ours();
        List<Measured> measured = marks.measure(uid, ours);
        List<ReportMeasurement> values = ReportMeasurements.of(measured, words, image -> label(firstSeries, image));
        String findings = MergeFields.fill(template.findings(), ref, values, fields);
        Report draft = Report.draft(ref, template.id(), "li")
                .withText(findings, impression == null ? MergeFields.fill(template.impression(), ref, values, fields) : impression)
                .withFields(fields).withMeasurements(values);
        if (!ours.isEmpty()) {
            draft = draft.withImages(List.of(keyImage(firstSeries, ours.get(ours.size() - 1).image(), words)));
        }
        try {
            return reports.save(draft, "li", Actor.thisWorkstation());
        } catch (ReportConflictException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image a mark is on, in the lung window for a CT, as the report's picture. */
    private static ReportImage keyImage(List<InstanceEntry> series, ImageRef image, ResourceBundle words) throws Exception {
        InstanceEntry e = series.stream().filter(i -> i.sopInstanceUid().equals(image.sopInstanceUid())).findFirst()
                .orElse(series.get(0));
        DicomImage dicom = DicomImage.read(e.file());
        boolean ct = "CT".equals(dicom.header().modality());
        java.awt.image.BufferedImage png = SnapshotCommand.render(dicom, 0, ct ? new WindowLevel(1500, -600) : null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(png, "png", out);
        return new ReportImage(label(series, image), out.toByteArray(), e.sopInstanceUid(), image.frame());
    }

    private static String label(List<InstanceEntry> series, ImageRef image) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).sopInstanceUid().equals(image.sopInstanceUid())) {
                return "Im " + (i + 1);
            }
        }
        return "";
    }
}
