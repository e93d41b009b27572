package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PACS dies in the middle of a retrieve: the user gets one clear sentence, the archive holds
 * only whole images, and a second retrieve from the restarted PACS fetches exactly the rest. The
 * workstation dies in the middle of one: what it had completely received is stored at the next
 * start, and the next retrieve fetches only the rest.
 */
class FaultTest {

    @ParameterizedTest
    @EnumSource(RetrieveMethod.class)
    void killedPacsLeavesOnlyWholeImagesAndASecondRetrieveCompletesTheRest(RetrieveMethod method, @TempDir Path dir)
            throws Exception {
        int foveaPort = OrthancPeer.freePort();
        List<OrthancPeer.Modality> modalities = List.of(new OrthancPeer.Modality("FOVEA", "127.0.0.1", foveaPort));
        NetworkSettings settings = NetworkSettings.defaults().withLocal("FOVEA", foveaPort, true);
        List<Path> originals = TestData.mrPhantom();
        String study;
        OrthancPeer pacs = OrthancPeer.start(dir.resolve("orthanc"), modalities);
        try (LocalArchive archive = LocalArchive.open(dir.resolve("home"))) {
            assertThat(pacs.upload(originals)).isEqualTo(128);
            DicomNode node = DicomNode.parse(pacs.address()).withRetrieveMethod(method);
            DicomClient client = new DicomClient(settings);
            study = client.find(node, QueryLevel.STUDY, Map.of("ModalitiesInStudy", "MR"), CancelToken.none()).get(0)
                    .get("StudyInstanceUID");
            // progress counts images taken into the archive, which trails the network: kill early,
            // so that the PACS dies while it is still sending, however fast the transfer runs
            TransferListener killAt10 = (done, total, current) -> {
                if (done == 10) {
                    try {
                        pacs.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            assertThatThrownBy(() -> client.retrieve(node, RetrieveRequest.study(study), archive, killAt10,
                    CancelToken.none()))
                    .isInstanceOf(DicomNetworkFailure.class)
                    .hasMessageStartingWith(node.address())
                    .hasMessageContaining(" of 128 images; run the retrieve again");
            assertThat(pacs.isAlive()).isFalse();
            ArchiveChecks.assertIntact(archive);
            Map<String, Path> first = ArchiveChecks.studyFiles(archive, study);
            assertThat(first.size()).isBetween(10, 127);
            ArchiveChecks.assertSamePixels(originals, first);

            try (OrthancPeer restarted = OrthancPeer.start(dir.resolve("orthanc"), modalities)) {
                assertThat(restarted.instanceCount()).isEqualTo(128);
                DicomNode again = DicomNode.parse(restarted.address()).withRetrieveMethod(method);
                RetrieveReport r = new DicomClient(settings).retrieve(again, RetrieveRequest.study(study), archive,
                        TransferListener.none(), CancelToken.none());
                assertThat(r.alreadyPresent()).isEqualTo(first.size());
                assertThat(r.received()).isEqualTo(128 - first.size());
                assertThat(r.complete()).isTrue();
                Map<String, Path> all = ArchiveChecks.studyFiles(archive, study);
                assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(restarted.sopInstanceUids());
                ArchiveChecks.assertSamePixels(originals, all);
                ArchiveChecks.assertIntact(archive);
            }
        } finally {
            pacs.close();
        }
    }

    @Test
    void aRetrieveKilledMidWayKeepsWhatItReceivedAndTheNextRetrieveFetchesOnlyTheRest(@TempDir Path dir)
            throws Exception {
        List<Path> originals = TestData.mrPhantom();
        NetworkSettings settings = NetworkSettings.defaults().withLocal("FOVEA", 0, false);
        Path home = dir.resolve("home");
        try (OrthancPeer pacs = OrthancPeer.start(dir.resolve("orthanc"), List.of())) {
            assertThat(pacs.upload(originals)).isEqualTo(128);
            DicomNode node = DicomNode.parse(pacs.address());
            String study = new DicomClient(settings).find(node, QueryLevel.STUDY, Map.of("ModalitiesInStudy", "MR"),
                    CancelToken.none()).get(0).get("StudyInstanceUID");
            Command.Result child = Command.java(List.of(), RetrieveThenHalt.class.getName(), home.toString(),
                    pacs.address(), study).mergeStderr().run();
            assertThat(child.exit()).as(child.output()).isEqualTo(9);
            List<Path> left = TestData.dicomFiles(home.resolve("incoming"));
            assertThat(left).as("received, not yet flushed").isNotEmpty();

            try (LocalArchive archive = LocalArchive.open(home)) {
                Map<String, Path> kept = ArchiveChecks.studyFiles(archive, study);
                // 51 flushed before the halt, and the complete files the receive folder held
                assertThat(kept).hasSize(51 + left.size());
                ArchiveChecks.assertSamePixels(originals, kept);
                // an image cut off mid-transfer is kept aside, not stored and not deleted
                Path aside = home.resolve("incoming").resolve("set-aside");
                if (Files.exists(aside)) {
                    assertThat(TestData.dicomFiles(aside)).isEmpty();
                    try (var s = Files.list(aside)) {
                        assertThat(s.toList()).allMatch(p -> p.toString().endsWith(".part"));
                    }
                    TestData.deleteTree(aside);
                }
                ArchiveChecks.assertIntact(archive);

                RetrieveReport r = new DicomClient(settings).retrieve(node, RetrieveRequest.study(study), archive,
                        TransferListener.none(), CancelToken.none());
                assertThat(r.alreadyPresent()).isEqualTo(kept.size());
                assertThat(r.received()).isEqualTo(128 - kept.size());
                Map<String, Path> all = ArchiveChecks.studyFiles(archive, study);
                assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(pacs.sopInstanceUids());
                ArchiveChecks.assertSamePixels(originals, all);
                ArchiveChecks.assertIntact(archive);
            }
        }
    }
}
