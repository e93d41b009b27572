package org.fovea.app.ui.report;

import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.Demographics;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.DicomDate;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.StudyRef;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The editor's identity block (FXML layout, this class its controller): patient name, ID,
 * sex/age and accession number always in sight, the exam and request under them, the report's
 * status, a banner on a preliminary report, and a loud one when the viewer shows another patient.
 */
public final class ReportHeader {

    @FXML private Label mismatch;
    @FXML private Label preliminary;
    @FXML private Label name;
    @FXML private Label patientId;
    @FXML private Label sexAge;
    @FXML private Label accession;
    @FXML private Label exam;
    @FXML private Label studyDate;
    @FXML private Label request;
    @FXML private Label status;

    private final I18n i18n;
    private final Node root;
    private final org.fovea.app.ui.common.NotesStrip notes;

    ReportHeader(I18n i18n) {
        this.i18n = i18n;
        FXMLLoader loader = new FXMLLoader(ReportHeader.class.getResource("ReportHeader.fxml"), i18n.bundle());
        loader.setController(this);
        try {
            javafx.scene.Node loaded = loader.load();
            notes = new org.fovea.app.ui.common.NotesStrip(i18n, "report-technician-notes");
            root = new javafx.scene.layout.VBox(loaded, notes.node());
        } catch (IOException e) {
            throw new UncheckedIOException("The report header's layout is missing from the build", e);
        }
    }

    Node node() { return root; }

    /** The technicians' notes of the report's exam (T2). */
    org.fovea.app.ui.common.NotesStrip notes() { return notes; }

    void show(Report r) {
        StudyRef s = r.study();
        name.setText(PersonNameFormat.display(s.patientName()));
        notes.show(s.accessionNumber());
        patientId.setText(s.patientId());
        sexAge.setText(Demographics.sexAndAge(s.sex(), s.age(), s.birthDate() == null ? "" : DicomDate.format(s.birthDate()),
                s.studyDate() == null ? "" : DicomDate.format(s.studyDate()), i18n.bundle()));
        accession.setText(s.accessionNumber());
        exam.setText((s.modality() + " " + s.examItem()).trim());
        studyDate.setText(s.studyDate() == null ? "" : s.studyDate().toString());
        request.setText(s.requestInfo());
        status.setText(i18n.get("report.status." + r.status().name()));
        boolean prelim = r.status() == ReportStatus.PRELIMINARY;
        preliminary.setVisible(prelim);
        preliminary.setManaged(prelim);
    }

    /** Says loudly that the viewer beside the editor shows another patient (null: it does not). */
    void showMismatch(String viewerPatient) {
        boolean on = viewerPatient != null;
        mismatch.setText(on ? i18n.format("report.mismatch", viewerPatient) : "");
        mismatch.setVisible(on);
        mismatch.setManaged(on);
    }

    boolean mismatchShown() { return mismatch.isVisible(); }

    String shownPatientId() { return patientId.getText(); }
}
