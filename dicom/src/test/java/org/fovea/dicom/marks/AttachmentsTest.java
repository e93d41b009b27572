package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.CancelToken;
import org.fovea.render.Frame;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An outside report (PDF) and a photographed request (PNG, JPEG) attached to the demo CT: each is
 * a valid DICOM object of the study with its patient, the PDF's bytes and the PNG's pixels kept
 * exactly; attached again, the same instances; a text file refused with its name and the reason.
 */
class AttachmentsTest {

    @TempDir
    Path home;

    @Test
    void pdfAndPhotographsBecomePartOfTheStudyOnceEach() throws Exception {
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
            String studyUid = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
            Path image = archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).get(0).file();
            String patient = DicomImage.read(image).header().patientName();

            Path pdf = home.resolve("外院报告.pdf");
            byte[] pdfBytes = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                    .getBytes(StandardCharsets.US_ASCII);
            Files.write(pdf, pdfBytes);
            BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    photo.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x33);
                }
            }
            Path png = home.resolve("request.png");
            ImageIO.write(photo, "png", png.toFile());
            Path jpg = home.resolve("request.jpg");
            ImageIO.write(photo, "jpg", jpg.toFile());

            List<Path> written = Attachments.write(List.of(pdf, png, jpg), image, home.resolve("out"));
            assertThat(written).hasSize(3);
            for (Path f : written) {
                assertThat(archive.importFile(f)).isEqualTo(LocalArchive.Outcome.IMPORTED);
                String out = Command.of(Tools.installed("dciodvfy", "dicom3tools").toString(), f.toString())
                        .mergeStderr().timeout(Duration.ofSeconds(60)).run().stdout();
                assertThat(out).as(f.toString()).doesNotContain("Error");
            }
            List<SeriesSummary> series = archive.series(studyUid);
            SeriesSummary docs = series.stream().filter(s -> s.description().equals("Attached documents")).findFirst()
                    .orElseThrow();
            SeriesSummary images = series.stream().filter(s -> s.description().equals("Attached images")).findFirst()
                    .orElseThrow();
            assertThat(docs.modality()).isEqualTo("DOC");
            assertThat(docs.instanceCount()).isEqualTo(1);
            assertThat(images.modality()).isEqualTo("OT");
            assertThat(images.instanceCount()).isEqualTo(2);

            AttributeList doc = new AttributeList();
            doc.read(archive.instances(docs.seriesUid()).get(0).file().toString());
            assertThat(doc.get(TagFromName.PatientName).getSingleStringValueOrEmptyString()).isEqualTo(patient);
            assertThat(doc.get(TagFromName.DocumentTitle).getSingleStringValueOrEmptyString()).isEqualTo("外院报告.pdf");
            byte[] held = doc.get(new com.pixelmed.dicom.AttributeTag(0x0042, 0x0011)).getByteValues();
            assertThat(Arrays.copyOf(held, pdfBytes.length)).isEqualTo(pdfBytes);

            DicomImage fromPng = DicomImage.read(written.get(1));
            assertThat(fromPng.header().patientName()).isEqualTo(patient);
            assertThat(fromPng.header().studyInstanceUid()).isEqualTo(studyUid);
            Frame f = fromPng.frame(0);
            for (int i : new int[] {0, 100, 64 * 48 - 1}) {
                assertThat(f.rgbPixels()[i]).isEqualTo(photo.getRGB(i % 64, i / 64) & 0xFFFFFF);
            }

            // attached again: the same instances
            for (Path again : Attachments.write(List.of(pdf, png), image, home.resolve("again"))) {
                assertThat(archive.importFile(again)).isEqualTo(LocalArchive.Outcome.DUPLICATE);
            }

            Path text = home.resolve("notes.txt");
            Files.writeString(text, "not an image");
            assertThatThrownBy(() -> Attachments.write(List.of(text), image, home.resolve("bad")))
                    .isInstanceOf(IOException.class).hasMessage(text + " cannot be attached: it is not a PDF, JPEG or "
                            + "PNG file");
        }
    }
}
