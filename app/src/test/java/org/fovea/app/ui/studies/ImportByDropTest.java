package org.fovea.app.ui.studies;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * A folder dropped on the window is imported with a summary, and the new study appears in the
 * list. TestFX cannot synthesize a desktop drag-and-drop, so the test hands the folder to the
 * scene's drop handler, the code a real drop runs.
 */
@ExtendWith(ApplicationExtension.class)
class ImportByDropTest {

    private static DemoArchive demo;
    private WorkstationWindow window;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = new WorkstationWindow(demo.archive, Locale.ENGLISH);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void aDroppedFolderIsImportedAndItsStudyListed(FxRobot robot) throws Exception {
        waitUntil(() -> window.studyList().studyTable().getItems().size() == 3);
        Path folder = Files.createTempDirectory(demo.home, "drop");
        writeNewPatientCopy(demo.firstFile(DemoStudy.CHEST_DR), folder.resolve("li-na.dcm"));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        // a copy cut off in its pixels, as from a CD that could not be read to the end
        byte[] whole = Files.readAllBytes(folder.resolve("li-na.dcm"));
        Files.write(folder.resolve("cut.dcm"), java.util.Arrays.copyOf(whole, whole.length / 2));

        robot.interact(() -> window.fileDrop().dropped(List.of(folder.toFile())));

        waitUntil(() -> window.importer().lastReportProperty().get() != null);
        ImportReport report = onFx(() -> window.importer().lastReportProperty().get());
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.failures()).extracting(f -> f.file().getFileName().toString())
                .containsExactlyInAnyOrder("notes.txt", "cut.dcm");
        assertThat(robot.lookup("Import finished").tryQuery()).isPresent();
        for (String shown : List.of("notes.txt: not a DICOM file", "cut.dcm: cut off: Pixel Data needs ")) {
            assertThat(robot.lookup(n -> n instanceof javafx.scene.control.ListView<?> l
                    && l.getItems().stream().anyMatch(i -> String.valueOf(i).startsWith(shown))).tryQuery())
                    .as(shown).isPresent();
        }
        robot.clickOn("OK");
        waitUntil(() -> window.studyList().studyTable().getItems().size() == 4);
        assertThat(robot.lookup("李娜 (LI NA)").tryQuery()).isPresent();
    }

    /** The demo radiograph as another patient's study: new UIDs, a new Chinese name. */
    private static void writeNewPatientCopy(Path source, Path target) throws Exception {
        AttributeList list = new AttributeList();
        list.read(source.toString());
        replace(list, TagFromName.PatientName, "LI^NA=李^娜");
        replace(list, TagFromName.PatientID, "FV0777");
        replace(list, TagFromName.AccessionNumber, "ACC777");
        replace(list, TagFromName.StudyInstanceUID, "2.25.7770001");
        replace(list, TagFromName.SeriesInstanceUID, "2.25.7770002");
        replace(list, TagFromName.SOPInstanceUID, "2.25.7770003");
        replace(list, TagFromName.MediaStorageSOPInstanceUID, "2.25.7770003");
        list.write(target.toString(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    private static void replace(AttributeList list, AttributeTag tag, String value) throws Exception {
        Attribute a = list.get(tag);
        a.removeValues();
        a.addValue(value);
    }
}
