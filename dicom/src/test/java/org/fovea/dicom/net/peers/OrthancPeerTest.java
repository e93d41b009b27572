package org.fovea.dicom.net.peers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The test PACS itself: loaded over REST, it answers DCMTK's echo and study-level find on its DICOM port. */
class OrthancPeerTest {

    private static final Path MR = Path.of(System.getProperty("fovea.shared", "../../shared"),
            "testdata", "dicom", "series-mr-phantom-128");

    @Test
    void loadedOverRestAndAnsweringDcmtkOnItsDicomPort(@TempDir Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(MR)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
        try (OrthancPeer pacs = OrthancPeer.start(dir, List.of())) {
            assertThat(pacs.upload(files)).isEqualTo(128);
            assertThat(pacs.instanceCount()).isEqualTo(128);

            assertThat(run("echoscu", "-aec", OrthancPeer.AE_TITLE, "127.0.0.1", String.valueOf(pacs.dicomPort())))
                    .isEmpty();
            String found = run("findscu", "-v", "-S", "-aec", OrthancPeer.AE_TITLE, "-k", "QueryRetrieveLevel=STUDY",
                    "-k", "StudyInstanceUID", "-k", "NumberOfStudyRelatedInstances", "127.0.0.1",
                    String.valueOf(pacs.dicomPort()));
            assertThat(found).contains("NumberOfStudyRelatedInstances").contains("128");
        }
    }

    private static String run(String tool, String... args) {
        return Dcmtk.run(tool, List.of(args)).requireSuccess().stdout();
    }
}
