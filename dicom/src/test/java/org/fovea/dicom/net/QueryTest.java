package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** C-ECHO and C-FIND against a real Orthanc loaded with the MR phantom, the Chinese files and the small demo. */
class QueryTest {

    @TempDir
    static Path dir;
    static OrthancPeer pacs;
    static DicomNode node;
    static DicomClient client;
    static List<Path> demo;

    @BeforeAll
    static void startPacs() throws Exception {
        pacs = OrthancPeer.start(dir.resolve("orthanc"), List.of());
        demo = TestData.demo(DemoSize.SMALL, dir);
        List<Path> all = new ArrayList<>(TestData.mrPhantom());
        all.addAll(TestData.chinese());
        all.addAll(demo);
        assertThat(pacs.upload(all)).isEqualTo(all.size());
        node = DicomNode.parse(pacs.address());
        client = new DicomClient(NetworkSettings.defaults().withLocal("FOVEA", 0, false));
    }

    @AfterAll
    static void stopPacs() {
        pacs.close();
    }

    @Test
    void echoSucceeds() {
        EchoResult r = client.echo(node);
        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(r.reason()).isEmpty();
    }

    @Test
    void studyLevelFindsEveryStudyWithItsCounts() throws Exception {
        List<QueryResult> studies = client.find(node, QueryLevel.STUDY,
                keys("PatientName", "", "PatientID", "", "NumberOfStudyRelatedInstances", ""), CancelToken.none());
        // MR phantom 1 study, 3 Chinese files in 3 studies, demo: 3 studies
        assertThat(studies).hasSize(7);
        assertThat(studies).extracting(r -> r.get("StudyInstanceUID")).doesNotHaveDuplicates().allMatch(s -> !s.isEmpty());
        int instances = studies.stream().mapToInt(r -> Integer.parseInt(r.get("NumberOfStudyRelatedInstances"))).sum();
        assertThat(instances).isEqualTo(128 + 3 + demo.size());
    }

    @Test
    void seriesAndImageLevelsListTheMrPhantom() throws Exception {
        QueryResult mr = client.find(node, QueryLevel.STUDY, keys("ModalitiesInStudy", "MR"), CancelToken.none()).get(0);
        String study = mr.get("StudyInstanceUID");
        List<QueryResult> series = client.find(node, QueryLevel.SERIES,
                keys("StudyInstanceUID", study, "Modality", "", "NumberOfSeriesRelatedInstances", ""), CancelToken.none());
        assertThat(series).hasSize(1);
        assertThat(series.get(0).get("NumberOfSeriesRelatedInstances")).isEqualTo("128");
        List<QueryResult> images = client.find(node, QueryLevel.IMAGE, keys("StudyInstanceUID", study,
                "SeriesInstanceUID", series.get(0).get("SeriesInstanceUID"), "InstanceNumber", ""), CancelToken.none());
        assertThat(images).extracting(r -> r.get("SOPInstanceUID"))
                .containsExactlyInAnyOrderElementsOf(OrthancSops.of(TestData.mrPhantom()));
    }

    @Test
    void chineseNamesRoundTripInEveryCharacterSet() throws Exception {
        List<QueryResult> zhang = client.find(node, QueryLevel.STUDY, keys("PatientName", "张伟"), CancelToken.none());
        assertThat(zhang).hasSize(3).allSatisfy(r -> assertThat(r.get("PatientName")).contains("张伟"));
        List<QueryResult> wang = client.find(node, QueryLevel.STUDY, keys("PatientName", "王建国", "AccessionNumber", ""),
                CancelToken.none());
        assertThat(wang).extracting(r -> r.get("AccessionNumber"))
                .containsExactlyInAnyOrder("FVDEMO0001", "FVDEMO0002", "FVDEMO0003");
        assertThat(wang).allSatisfy(r -> assertThat(r.get("PatientName")).isEqualTo("WANG^JIANGUO=王^建国"));
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientName", "王*"), CancelToken.none())).hasSize(3);
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientName", "zhang wei"), CancelToken.none())).hasSize(3);
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientName", "李"), CancelToken.none())).isEmpty();
    }

    @Test
    void accessionModalityDateAndDescriptionNarrowTheStudies() throws Exception {
        assertThat(client.find(node, QueryLevel.STUDY, keys("AccessionNumber", "FVDEMO0002"), CancelToken.none()))
                .hasSize(1);
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientID", "FV0001", "ModalitiesInStudy", "DX"),
                CancelToken.none())).hasSize(1);
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientID", "FV0001", "StudyDescription", "*胸部CT*"),
                CancelToken.none())).hasSize(2);
        assertThat(client.find(node, QueryLevel.STUDY, keys("PatientID", "FV0001", "StudyDate", "19000101-19000102"),
                CancelToken.none())).isEmpty();
    }

    static Map<String, String> keys(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
