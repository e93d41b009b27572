package org.fovea.app.ui.viewer;

import javafx.application.Platform;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.app.view.Timeline;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsStore;
import org.fovea.dicom.net.RetrieveMethod;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The patient's timeline against a real PACS (Orthanc on loopback), V30: the workstation holds
 * today's chest CT and film, the PACS last year's CT. Opening the CT lists all three by date, the
 * prior marked as on the PACS; the chest protocol wants it, so it is retrieved by itself and hung
 * below the current study. A click on the film hangs it beside the CT instead.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineWindowTest {

    private static Path home;
    private static OrthancPeer pacs;
    private static LocalArchive archive;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("fovea-timeline");
        Path scratch = home.resolve("scratch");
        List<Path> prior = new ArrayList<>();
        List<Path> here = new ArrayList<>();
        try (LocalArchive demo = LocalArchive.open(scratch)) {
            DemoStudies.ensure(DemoSize.SMALL, demo, scratch.resolve("work"), DemoListener.none(), CancelToken.none());
            for (DemoStudy s : DemoStudy.values()) {
                for (var series : demo.series(s.studyUid(DemoSize.SMALL))) {
                    demo.instances(series.seriesUid()).forEach(i -> (s == DemoStudy.PRIOR_CT ? prior : here).add(i.file()));
                }
            }
            pacs = OrthancPeer.start(home.resolve("orthanc"), List.of());
            assertThat(pacs.upload(prior)).isEqualTo(DemoSize.SMALL.prior().slices());
            archive = LocalArchive.open(home.resolve("ws"));
            archive.importPaths(here, (done, total, current) -> { }, CancelToken.none());
        }
        NetworkSettingsStore.save(home.resolve("ws"), new NetworkSettings("FOVEATL", OrthancPeer.freePort(), true, 5, 30,
                List.of(new DicomNode("PACS", OrthancPeer.AE_TITLE, "127.0.0.1", pacs.dicomPort(),
                        EnumSet.of(DicomNode.Service.QUERY_RETRIEVE), RetrieveMethod.C_GET))));
    }

    @AfterAll
    static void tearDown() {
        archive.close();
        pacs.close();
    }

    @Test
    void thePriorOnThePacsIsListedRetrievedAndHungAndAFilmClickedGoesBeside(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, archive, home.resolve("ws"))) {
            ViewerView viewer = w.window.viewer();
            var ct = archive.study(DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL)).orElseThrow();
            Platform.runLater(() -> w.window.openStudy(ct));

            String priorUid = DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL);
            waitUntil(() -> onFx(() -> viewer.timeline().entries().size() == 3));
            List<Timeline.Entry> entries = onFx(() -> viewer.timeline().entries());
            assertThat(entries).extracting(Timeline.Entry::studyUid).containsExactly(
                    DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL), DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL), priorUid);
            assertThat(entries.get(2).date()).isEqualTo(java.time.LocalDate.now().minusYears(1));
            assertThat(entries.get(2).modalities()).isEqualTo("CT");

            // fetched because the protocol hangs a prior, then hung below the current study
            String priorSeries = DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().get(2).currentImage() != null
                    && viewer.visibleViewports().get(2).currentImage().seriesUid().equals(priorSeries)));
            assertThat(archive.study(priorUid)).get().extracting(s -> s.instanceCount())
                    .isEqualTo(DemoSize.SMALL.prior().slices());
            assertThat(onFx(() -> viewer.timeline().entries().get(2).local())).isTrue();

            // the film, clicked: the CT protocol hangs CT priors, so the film goes side by side
            robot.clickOn("#timeline-1");
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 2
                    && viewer.visibleViewports().get(1).currentImage() != null
                    && viewer.visibleViewports().get(1).currentImage().seriesUid()
                    .equals(DemoStudy.CHEST_DR.seriesUid(DemoSize.SMALL))));
            assertThat(onFx(() -> viewer.visibleViewports().get(0).currentImage().seriesUid()))
                    .isEqualTo(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL));
        }
    }
}
