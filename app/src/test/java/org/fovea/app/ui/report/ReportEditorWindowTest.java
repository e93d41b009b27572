package org.fovea.app.ui.report;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.viewer.Viewport;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.store.JdbcReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * A report written in the real window: started from the viewer with a template, the patient's
 * identity at its head, a measurement drawn in the viewer inserted, an image dropped in and the
 * viewer's image added, saved, the editor closed and the report opened again with all of it;
 * issued as preliminary, it says so; with another patient in the viewer it refuses that
 * patient's measurements and says why.
 */
@ExtendWith(ApplicationExtension.class)
class ReportEditorWindowTest {

    private static final Path CHARSETS = Path.of(System.getProperty("fovea.shared", "../../shared"),
            "testdata", "dicom", "charsets");
    private static DemoArchive demo;
    private WorkstationWindow window;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
        demo.archive.importPaths(List.of(CHARSETS.resolve("chinese-ISO_IR_192.dcm")), ImportListener.none(),
                CancelToken.none());
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = new WorkstationWindow(demo.archive, demo.home, Locale.ENGLISH);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    private ViewerView open(StudySummary s) {
        Platform.runLater(() -> window.openStudy(s));
        ViewerView viewer = window.viewer();
        waitUntil(() -> onFx(() -> viewer.study() == s && viewer.activeViewport() != null
                && viewer.activeViewport().stack() != null && viewer.activeViewport().stack().anySlice() != null));
        return viewer;
    }

    private static Point2D at(Viewport v, double fx, double fy) {
        return onFx(() -> v.pane().localToScreen(v.pane().getWidth() * fx, v.pane().getHeight() * fy));
    }

    /** Answers the template picker with its first template of the study's body part. */
    private static void takeFirstTemplate(FxRobot robot) {
        waitUntil(() -> robot.lookup("#template-list").tryQuery().isPresent());
        javafx.scene.control.ListView<?> list = robot.lookup("#template-list").queryAs(javafx.scene.control.ListView.class);
        waitUntil(() -> onFx(() -> !list.getItems().isEmpty()));
        Button ok = robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals(ButtonType.OK.getText()))
                .queryButton();
        robot.clickOn(ok);
    }

    @Test
    void aReportWrittenWithAMeasurementAndImagesComesBackAfterTheEditorCloses(FxRobot robot) throws Exception {
        StudySummary ct = demo.study(DemoStudy.CURRENT_CT);
        ViewerView viewer = open(ct);
        Viewport v = onFx(viewer::activeViewport);
        robot.clickOn(v.pane()).type(KeyCode.L);
        robot.moveTo(at(v, 0.35, 0.40)).press(MouseButton.PRIMARY).moveTo(at(v, 0.60, 0.48)).release(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> viewer.marks().all().size()) == 1);
        robot.type(KeyCode.K);
        org.fovea.render.measure.ImageRef key = onFx(v::currentImage);
        waitUntil(() -> onFx(() -> viewer.keyImages().contains(key)));

        robot.clickOn("#viewer-report");
        takeFirstTemplate(robot);
        ReportEditor editor = onFx(window::reportEditor);
        waitUntil(() -> onFx(() -> editor.stage().isShowing() && editor.report() != null && editor.report().id() > 0));
        Label name = robot.lookup("#report-patient-name").queryAs(Label.class);
        assertThat(onFx(name::getText)).isEqualTo(org.fovea.app.view.PersonNameFormat.display(ct.patientName()));
        assertThat(onFx(() -> robot.lookup("#report-accession").queryAs(Label.class).getText())).isEqualTo(ct.accession());
        assertThat(onFx(() -> editor.findingsArea().getText())).as("the template's findings").isNotBlank();

        robot.interact(() -> {
            editor.findingsArea().positionCaret(editor.findingsArea().getLength());
            editor.findingsArea().appendText("\n右肺上叶见结节，边缘光整。\n");
            editor.impressionArea().setText("右肺上叶结节，建议随访。");
        });
        robot.clickOn("#report-insert-measurements");
        assertThat(onFx(() -> editor.findingsArea().getText())).contains("Length").contains("mm");

        Path png = demo.home.resolve("dropped.png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        robot.interact(() -> editor.imageStrip().droppedFiles(List.of(png.toFile())));
        robot.clickOn("#report-add-image");
        assertThat(onFx(() -> editor.imageStrip().images())).hasSize(2);
        // the key image, from the study's image library beside the report, dragged into its images
        waitUntil(() -> onFx(() -> editor.library().tileNodes().size() == 1
                && editor.library().tileNodes().get(0).getUserData() != null
                && ((javafx.scene.layout.VBox) editor.library().tileNodes().get(0)).getChildren().get(0) instanceof javafx.scene.image.ImageView iv
                && iv.getImage() != null));
        robot.drag(onFx(() -> editor.library().tileNodes().get(0)), MouseButton.PRIMARY).dropTo("#report-images");
        waitUntil(() -> onFx(() -> editor.imageStrip().images().size()) == 3);
        assertThat(onFx(() -> editor.imageStrip().images().get(2).sopInstanceUid())).isEqualTo(key.sopInstanceUid());
        assertThat(onFx(() -> editor.imageStrip().images().get(2).caption())).contains("Im");

        robot.clickOn("#report-save");
        waitUntil(() -> onFx(() -> editor.stateLabel().getText()).startsWith("Saved (version"));
        long id = onFx(() -> editor.report().id());
        robot.interact(editor::close);

        Platform.runLater(() -> window.openReport(ct));
        waitUntil(() -> onFx(() -> editor.stage().isShowing() && editor.report().id() == id));
        Report back = onFx(editor::report);
        assertThat(back.findings()).contains("右肺上叶见结节").contains("Length");
        assertThat(back.impression()).isEqualTo("右肺上叶结节，建议随访。");
        assertThat(back.images()).hasSize(3);
        assertThat(back.images().get(0).png()).isEqualTo(java.nio.file.Files.readAllBytes(png));
        assertThat(back.measurements()).extracting(m -> m.unit()).contains("mm");

        Path pdf = demo.home.resolve("report.pdf");
        assertThat(onFx(() -> editor.actions().exportPdf(pdf)).get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(pdf);
        String text = org.fovea.testsupport.Command.of(List.of("pdftotext", pdf.toString(), "-")).run().requireSuccess().stdout();
        assertThat(text).contains("右肺上叶结节，建议随访。");

        // into the study as DICOM: the SR (series 9904) and the PDF (9905), beside the images
        assertThat(onFx(() -> editor.actions().exportToStudy()).get(60, java.util.concurrent.TimeUnit.SECONDS).imported())
                .isEqualTo(2);
        assertThat(onFx(() -> editor.actions().exportToStudy()).get(60, java.util.concurrent.TimeUnit.SECONDS).duplicates())
                .as("the same text again is the same two instances").isEqualTo(2);
        waitUntil(() -> demo.archive.series(ct.studyUid()).stream().map(org.fovea.dicom.archive.SeriesSummary::number)
                .toList().containsAll(List.of(9904, 9905)));
        // the axial series and the scout; documents are no series to view
        assertThat(onFx(() -> window.viewer().thumbnailCells().size())).as("documents are no series to view").isEqualTo(2);

        robot.clickOn("#report-preliminary");
        waitUntil(() -> onFx(() -> robot.lookup("#report-status").queryAs(Label.class).getText()).equals("Preliminary"));
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            waitUntil(() -> new JdbcReports(db).find(id).orElseThrow().status() == ReportStatus.PRELIMINARY);
        }

        // another patient in the viewer: said loudly, and nothing of theirs goes into this report
        StudySummary other = demo.archive.studiesOfPatient("CN-ISO_IR_192").get(0);
        open(other);
        waitUntil(() -> onFx(editor::mismatchShown));
        int before = onFx(() -> editor.report().measurements().size());
        robot.interact(editor::insertMeasurements);
        assertThat(onFx(() -> editor.report().measurements().size())).isEqualTo(before);
        assertThat(onFx(() -> editor.stateLabel().getText())).contains("another patient");
        robot.interact(editor::close);
    }
}
