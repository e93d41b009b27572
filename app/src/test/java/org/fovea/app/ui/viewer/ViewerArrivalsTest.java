package org.fovea.app.ui.viewer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * A study read while it is still arriving from the PACS: a series that lands after the study
 * was opened joins the thumbnails without reopening, and the viewport keeps its place.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerArrivalsTest {

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
    void aSeriesArrivingWhileTheStudyIsOpenJoinsTheThumbnails(@TempDir Path incoming) throws Exception {
        Platform.runLater(() -> window.openStudy(demo.study(DemoStudy.CURRENT_CT)));
        ViewerView viewer = window.viewer();
        // the axial series and the scout
        waitUntil(() -> viewer.thumbnailCells().size() == 2);

        demo.archive.importPaths(List.of(secondSeriesOf(demo.firstFile(DemoStudy.CURRENT_CT), incoming)),
                ImportListener.none(), CancelToken.none());
        Platform.runLater(viewer::refreshArrivals);

        waitUntil(() -> viewer.thumbnailCells().size() == 3);
        assertThat(onFx(() -> viewer.loadedSeries().get(2).summary().number())).isEqualTo(3);
    }

    /** A copy of one image as the first image of a new series 3 of the same study. */
    private static Path secondSeriesOf(Path image, Path dir) throws Exception {
        AttributeList list = new AttributeList();
        list.read(image.toString());
        replace(list, TagFromName.SeriesInstanceUID, "2.25.1234567890123456789");
        replace(list, TagFromName.SOPInstanceUID, "2.25.9876543210987654321");
        replace(list, TagFromName.MediaStorageSOPInstanceUID, "2.25.9876543210987654321");
        replace(list, TagFromName.SeriesNumber, "3");
        Path out = dir.resolve("series3.dcm");
        list.write(out.toString(), Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID),
                true, true);
        return out;
    }

    private static void replace(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String value)
            throws Exception {
        Attribute a = list.get(tag);
        a.removeValues();
        a.addValue(value);
    }
}
