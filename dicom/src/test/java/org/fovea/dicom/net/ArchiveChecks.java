package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.render.Frame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What tests check after a transfer: the archive is intact and holds the originals' pixels. */
final class ArchiveChecks {
    private ArchiveChecks() {
    }

    /** Archived files of a study, by SOP Instance UID. */
    static Map<String, Path> studyFiles(LocalArchive archive, String studyUid) {
        Map<String, Path> files = new HashMap<>();
        for (SeriesSummary s : archive.series(studyUid)) {
            for (InstanceEntry e : archive.instances(s.seriesUid())) {
                files.put(e.sopInstanceUid(), e.file());
            }
        }
        return files;
    }

    /** Every row has its whole file, every file decodes, and no partial or temporary file is left. */
    static void assertIntact(LocalArchive archive) throws Exception {
        assertThat(archive.verify(CancelToken.none())).isEmpty();
        List<Path> all;
        try (Stream<Path> s = Files.walk(archive.archiveDirectory())) {
            all = s.filter(Files::isRegularFile).toList();
        }
        assertThat(all).allMatch(p -> p.getFileName().toString().endsWith(".dcm"));
        for (Path p : all) {
            DicomImage.read(p).frame(0);
        }
        if (Files.isDirectory(archive.incomingDirectory())) {
            try (Stream<Path> s = Files.walk(archive.incomingDirectory())) {
                // a running receiver's lock file is all a receive folder may hold once it is done
                assertThat(s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                        .toList()).as("files left in the receive folder").isEmpty();
            }
        }
    }

    /** The archived copy of each original decodes to the same stored values. */
    static void assertSamePixels(List<Path> originals, Map<String, Path> archived) throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path original : originals) {
            String sop = HeaderReader.read(original).sopInstanceUid();
            if (!archived.containsKey(sop)) {
                continue;
            }
            Frame a = DicomImage.read(original).frame(0);
            Frame b = DicomImage.read(archived.get(sop)).frame(0);
            int n = a.rows() * a.columns();
            assertThat(b.rows() * b.columns()).isEqualTo(n);
            assertThat(Arrays.equals(a.values(), a.offset(), a.offset() + n, b.values(), b.offset(), b.offset() + n))
                    .as("stored values of %s", sop).isTrue();
            checked.add(sop);
        }
        assertThat(checked).hasSameSizeAs(archived.keySet());
    }
}
