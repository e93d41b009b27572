package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** C-STORE SCU to Orthanc and to DCMTK's storescp, with one result per file. */
class SendTest {

    private static final DicomClient CLIENT = new DicomClient(NetworkSettings.defaults());

    @Test
    void sendsChosenFilesToOrthancWithProgress(@TempDir Path dir) throws Exception {
        List<Path> files = TestData.mrPhantom().subList(0, 20);
        try (OrthancPeer pacs = OrthancPeer.start(dir, List.of())) {
            List<Integer> progress = new ArrayList<>();
            SendReport r = CLIENT.send(DicomNode.parse(pacs.address()), files, (done, total, current) -> progress.add(done),
                    CancelToken.none());
            assertThat(r.allSent()).isTrue();
            assertThat(r.results()).extracting(SendResult::file).containsExactlyElementsOf(files);
            assertThat(r.results()).allSatisfy(s -> assertThat(s.status()).isEqualTo("stored"));
            assertThat(progress).endsWith(20);
            assertThat(pacs.sopInstanceUids()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(files));
        }
    }

    @Test
    void ourMeasurementReportPresentationStateAndKeyObjectsReachThePacs(@TempDir Path dir) throws Exception {
        Path image = TestData.mrPhantom().get(0);
        com.pixelmed.dicom.AttributeList header = new com.pixelmed.dicom.AttributeList();
        header.read(image.toString(), com.pixelmed.dicom.TagFromName.PixelData);
        org.fovea.dicom.ImageHeader h = HeaderReader.read(image);
        var ref = new org.fovea.render.measure.ImageRef(h.seriesInstanceUid(), h.sopClassUid(), h.sopInstanceUid(), 1);
        var length = new org.fovea.render.measure.Annotation(java.util.UUID.randomUUID().toString(),
                org.fovea.render.measure.Kind.LENGTH, List.of(new org.fovea.render.measure.ImagePoint(10, 10),
                new org.fovea.render.measure.ImagePoint(40, 30)), "", ref);
        var arrow = new org.fovea.render.measure.Annotation(java.util.UUID.randomUUID().toString(),
                org.fovea.render.measure.Kind.ARROW, List.of(new org.fovea.render.measure.ImagePoint(5, 5),
                new org.fovea.render.measure.ImagePoint(20, 20)), "", ref);
        var measured = new org.fovea.render.measure.Measurer(org.fovea.render.measure.Scale.pixelSpacing(1, 1), null,
                null, org.fovea.render.measure.Unit.NONE).measure(length);
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        List<com.pixelmed.dicom.AttributeList> objects = new ArrayList<>();
        objects.add(org.fovea.dicom.marks.MeasurementReport.write(List.of(measured), header, h.studyInstanceUid(), 100, now));
        objects.add(org.fovea.dicom.marks.PresentationStates.write(List.of(arrow), java.util.Map.of(length, "36.1 mm"),
                java.util.Map.of(), r -> new org.fovea.dicom.marks.ImageInfo(256, 256, false, 1, 0, ""), header,
                h.studyInstanceUid(), 100, now));
        objects.addAll(org.fovea.dicom.marks.KeyObjects.write(java.util.Map.of(ref, "key"), header,
                h.studyInstanceUid(), 100, now));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Path f = dir.resolve("doc" + i + ".dcm");
            com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(objects.get(i),
                    com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "FOVEA");
            objects.get(i).write(f.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
            files.add(f);
        }
        try (OrthancPeer pacs = OrthancPeer.start(dir.resolve("orthanc"), List.of())) {
            SendReport r = CLIENT.send(DicomNode.parse(pacs.address()), files, (done, total, current) -> { },
                    CancelToken.none());
            assertThat(r.results()).allSatisfy(s -> assertThat(s.status()).as(s.file().toString()).isEqualTo("stored"));
            assertThat(pacs.sopInstanceUids()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(files));
        }
    }

    @Test
    void aFileThePeerRefusesIsReportedAndTheOthersAreStillSent(@TempDir Path dir) throws Exception {
        List<Path> good = TestData.mrPhantom().subList(0, 5);
        Path strange = dir.resolve("private-class.dcm");
        Files.copy(good.get(0), strange);
        // a SOP class storescp does not know, so it refuses the presentation context
        // dcmodify updates the file meta information's UIDs to match
        Command.Result modified = Dcmtk.run("dcmodify", List.of("-nb", "-m", "(0008,0016)=1.2.826.0.1.3680043.9.7433.99.1",
                "-m", "(0008,0018)=1.2.826.0.1.3680043.9.7433.99.2", strange.toString()));
        assertThat(modified.exit()).as(modified.output()).isZero();
        Path notDicom = dir.resolve("notes.txt");
        Files.writeString(notDicom, "not an image");
        List<Path> files = new ArrayList<>(good);
        files.add(2, strange);
        files.add(notDicom);

        Path received = Files.createDirectories(dir.resolve("received"));
        int port = OrthancPeer.freePort();
        Process storescp = Dcmtk.start("storescp", List.of("-aet", "STORESCP", "-od", received.toString(),
                String.valueOf(port)));
        try {
            DicomNode node = new DicomNode("dcmtk", "STORESCP", "127.0.0.1", port,
                    java.util.EnumSet.of(DicomNode.Service.STORE), RetrieveMethod.C_GET);
            awaitListening(node);
            SendReport r = CLIENT.send(node, files, TransferListener.none(), CancelToken.none());
            assertThat(r.results()).extracting(SendResult::file).containsExactlyElementsOf(files);
            assertThat(r.results().get(2).ok()).isFalse();
            assertThat(r.results().get(2).status()).contains("STORESCP@127.0.0.1");
            assertThat(r.results().get(6).ok()).isFalse();
            assertThat(r.results().get(6).status()).startsWith("not sent: not a readable DICOM file");
            assertThat(r.sent()).isEqualTo(5);
            try (Stream<Path> s = Files.list(received)) {
                List<String> got = new ArrayList<>();
                for (Path p : s.toList()) {
                    got.add(HeaderReader.read(p).sopInstanceUid());
                }
                assertThat(got).containsExactlyInAnyOrderElementsOf(OrthancSops.of(good));
            }
        } finally {
            Command.stop(storescp, Duration.ofSeconds(10));
        }
    }

    static void awaitListening(DicomNode node) throws InterruptedException {
        for (int i = 0; i < 100 && !CLIENT.echo(node).ok(); i++) {
            Thread.sleep(100);
        }
    }
}
