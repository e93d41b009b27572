package org.fovea.app.ui;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary FOVEA_HOME holding the demo studies at the small test size. */
final class DemoArchive implements AutoCloseable {

    final Path home;
    final LocalArchive archive;

    DemoArchive() throws IOException {
        home = Files.createTempDirectory("fovea-ui-test");
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
    }

    StudySummary study(DemoStudy which) {
        return archive.findStudies(StudyQuery.all()).stream()
                .filter(s -> s.accession().equals(which.accession())).findFirst().orElseThrow();
    }

    /** The first file of a demo study, as stored in the archive. */
    Path firstFile(DemoStudy which) {
        String series = archive.series(study(which).studyUid()).get(0).seriesUid();
        return archive.instances(series).get(0).file();
    }

    @Override
    public void close() {
        archive.close();
    }
}
