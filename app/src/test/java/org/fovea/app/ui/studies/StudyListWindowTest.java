package org.fovea.app.ui.studies;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.archive.SyntheticArchive;
import org.fovea.dicom.archive.TinyImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The study list over a large archive (about 900 generated studies, several pages) and over an
 * empty one. The archive's thread is held busy while the window opens, so the test sees the
 * window as the user does before the first answer, whatever the machine's speed.
 */
@ExtendWith(ApplicationExtension.class)
class StudyListWindowTest {

    private static final String SEARCHING = "Searching...";
    private static final String EMPTY = "No studies. Import DICOM files with File > Import or drop them on this window.";

    @TempDir
    static Path large;
    @TempDir
    static Path in;
    @TempDir
    Path empty;
    private static LocalArchive largeArchive;
    private LocalArchive emptyArchive;
    private Stage stage;
    private WorkstationWindow window;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void generate() {
        SyntheticArchive.generate(large, 45_000, 11);
        largeArchive = LocalArchive.open(large);
        // a patient known only by characters, to be found by the initials of their pinyin
        largeArchive.importPaths(List.of(TinyImage.of("=欧阳^建国", "FIND1").studyDate("20180305").write(in)),
                ImportListener.none(), CancelToken.none());
    }

    @AfterAll
    static void closeLarge() {
        largeArchive.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        release.countDown();
        if (window != null) {
            robot.interact(window::close);
        }
        if (emptyArchive != null) {
            emptyArchive.close();
        }
    }

    @Test
    void theWindowIsLaidOutAndSearchingBeforeTheFirstPageThenPagesAsTheListIsScrolled(FxRobot robot) {
        int total = largeArchive.countStudies(StudyQuery.all());
        StudySummary newest = largeArchive.findStudies(StudyQuery.all(), 0, 1).studies().get(0);
        openHeld(robot, largeArchive);

        StudyListView list = window.studyList();
        assertThat(visible(robot, "Chinese or pinyin")).as("the search bar").isTrue();
        assertThat(visibleText(robot, "Patients")).isTrue();
        assertThat(visibleText(robot, "Series")).isTrue();
        assertThat(visibleText(robot, SEARCHING)).as("the study table's placeholder").isTrue();
        assertThat(visibleText(robot, EMPTY)).isFalse();
        assertThat(onFx(() -> list.studyTable().getItems())).isEmpty();

        release.countDown();
        waitUntil(() -> list.studyTable().getItems().size() == StudyPages.PAGE);
        assertThat(onFx(() -> list.studyTable().getItems().get(0))).isEqualTo(newest);
        waitUntil(() -> list.statusText().equals(
                String.format(Locale.ENGLISH, "Showing the newest 200 of %,d studies; scroll down for more", total)));
        int patientsOnFirstPage = onFx(() -> list.patientList().getItems().size());

        robot.interact(() -> list.studyTable().scrollTo(StudyPages.PAGE - 1));
        waitUntil(() -> list.studyTable().getItems().size() == 2 * StudyPages.PAGE);
        assertThat(onFx(() -> list.studyTable().getItems()))
                .containsExactlyElementsOf(largeArchive.findStudies(StudyQuery.all(), 0, 2 * StudyPages.PAGE).studies());
        assertThat(onFx(() -> list.patientList().getItems().size())).isGreaterThan(patientsOnFirstPage);
        waitUntil(() -> list.statusText().startsWith("Showing the newest 400 of"));
    }

    @Test
    void thePatientListAndTheSeriesPaneFollowTheSelection(FxRobot robot) {
        StudyListView list = openOnTheFirstPage(robot);

        StudyListView.PatientRow patient = onFx(() -> list.patientList().getItems().get(3));
        List<StudySummary> theirs = largeArchive.studiesOfPatient(patient.patientId());
        robot.interact(() -> list.patientList().getSelectionModel().select(patient));
        waitUntil(() -> list.studyTable().getItems().equals(theirs));
        assertThat(onFx(list::statusText)).isEqualTo(theirs.size() == 1 ? "1 study" : theirs.size() + " studies");

        StudySummary study = theirs.get(theirs.size() - 1);
        robot.interact(() -> list.studyTable().getSelectionModel().select(study));
        waitUntil(() -> list.seriesTable().getItems().equals(largeArchive.series(study.studyUid())));
        assertThat(onFx(() -> list.seriesTable().getItems())).hasSize(study.seriesCount());

        robot.interact(() -> list.patientList().getSelectionModel().selectFirst());
        waitUntil(() -> list.studyTable().getItems().size() == StudyPages.PAGE);
    }

    @Test
    void aNameSearchFindsByPinyinInitialsAndANoMatchIsNotCalledAnEmptyArchive(FxRobot robot) {
        StudyListView list = openOnTheFirstPage(robot);

        robot.clickOn(list.nameField()).write("oyjg").type(KeyCode.ENTER);
        waitUntil(() -> list.studyTable().getItems().stream().anyMatch(s -> s.patientId().equals("FIND1")));
        assertThat(onFx(() -> list.studyTable().getItems())).allSatisfy(s ->
                assertThat(s.patientName()).contains("欧阳"));

        robot.interact(() -> list.nameField().setText("qqqzzz"));
        robot.clickOn(list.nameField()).type(KeyCode.ENTER);
        waitUntil(() -> list.studyTable().getItems().isEmpty() && list.statusText().equals("0 studies"));
        assertThat(visibleText(robot, "No study matches the search.")).isTrue();
        assertThat(visibleText(robot, EMPTY)).isFalse();
    }

    @Test
    void anEmptyArchiveSaysSoOnlyOnceItsSearchHasAnswered(FxRobot robot) {
        emptyArchive = LocalArchive.open(empty);
        openHeld(robot, emptyArchive);
        StudyListView list = window.studyList();

        assertThat(visibleText(robot, SEARCHING)).isTrue();
        assertThat(visibleText(robot, EMPTY)).isFalse();

        release.countDown();
        waitUntil(() -> list.statusText().equals("0 studies"));
        assertThat(visibleText(robot, EMPTY)).isTrue();
        assertThat(visibleText(robot, SEARCHING)).isFalse();
    }

    /** Opens the window over the large archive and waits for its first page. */
    private StudyListView openOnTheFirstPage(FxRobot robot) {
        openHeld(robot, largeArchive);
        release.countDown();
        StudyListView list = window.studyList();
        waitUntil(() -> list.studyTable().getItems().size() == StudyPages.PAGE);
        return list;
    }

    /** Opens the window over an archive whose thread is busy until {@link #release} counts down. */
    private void openHeld(FxRobot robot, LocalArchive archive) {
        ArchiveService service = new ArchiveService(archive);
        service.enqueue(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        robot.interact(() -> {
            window = new WorkstationWindow(service, archive.archiveDirectory().getParent(), Locale.ENGLISH);
            window.show(stage);
        });
        waitUntil(() -> stage.isShowing());
    }

    /** Whether a label (or other text control) with exactly this text is on screen. */
    private static boolean visibleText(FxRobot robot, String text) {
        return onFx(() -> robot.lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText()) && shown(n))
                .tryQuery().isPresent());
    }

    /** Whether a text field prompting this text is on screen. */
    private static boolean visible(FxRobot robot, String prompt) {
        return onFx(() -> robot.lookup((Node n) -> n instanceof javafx.scene.control.TextField f
                && prompt.equals(f.getPromptText()) && shown(n)).tryQuery().isPresent());
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()
                && n.getLayoutBounds().getWidth() > 0;
    }
}
