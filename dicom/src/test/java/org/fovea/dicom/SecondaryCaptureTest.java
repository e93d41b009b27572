package org.fovea.dicom;

import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.Frame;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecondaryCaptureTest {

    @TempDir
    Path home;

    @Test
    void aScreenshotLandsInItsStudysImageLibraryWithItsPixelsAndPatient() throws Exception {
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
            String studyUid = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
            ImageHeader source = DicomImage.read(archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL))
                    .get(0).file()).header();
            int w = 40, h = 30;
            int[] argb = new int[w * h];
            for (int i = 0; i < argb.length; i++) {
                argb[i] = 0xFF000000 | (i % w * 6) << 16 | (i / w * 8) << 8 | 0x40;
            }

            for (int n = 1; n <= 2; n++) {
                Path file = SecondaryCapture.write(source, argb, w, h, "影像库", "MPR 冠状位 W400 L40", n,
                        home.resolve("shots"));
                assertThat(archive.importFile(file)).isEqualTo(LocalArchive.Outcome.IMPORTED);
            }

            List<SeriesSummary> library = archive.series(studyUid).stream()
                    .filter(s -> s.seriesUid().equals(SecondaryCapture.seriesUidFor(studyUid))).toList();
            assertThat(library).hasSize(1);
            assertThat(library.get(0).instanceCount()).isEqualTo(2);
            assertThat(library.get(0).description()).isEqualTo("影像库");
            Path stored = archive.instances(library.get(0).seriesUid()).get(1).file();
            DicomImage back = DicomImage.read(stored);
            assertThat(back.header().patientName()).isEqualTo(source.patientName()).contains("王");
            assertThat(back.header().instanceNumber()).isEqualTo("2");
            Frame frame = back.frame(0);
            assertThat(frame.kind()).isEqualTo(Frame.Kind.RGB);
            for (int i : new int[] {0, 77, w * h - 1}) {
                assertThat(frame.rgbPixels()[i]).as("pixel %d", i).isEqualTo(argb[i] & 0xFFFFFF);
            }

            String out = Command.of(Tools.installed("dciodvfy", "dicom3tools").toString(), stored.toString())
                    .mergeStderr().timeout(Duration.ofSeconds(60)).run().stdout();
            assertThat(out).contains("SC").doesNotContain("Error");
        }
    }
}
