package org.fovea.app.view;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
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
import java.util.List;

/** A temporary FOVEA_HOME holding the demo studies at the small test size. */
public final class DemoArchive implements AutoCloseable {

    public final Path home;
    public final LocalArchive archive;

    public DemoArchive() throws IOException {
        home = Files.createTempDirectory("fovea-ui-test");
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
    }

    public StudySummary study(DemoStudy which) {
        return archive.findStudies(StudyQuery.all()).stream()
                .filter(s -> s.accession().equals(which.accession())).findFirst().orElseThrow();
    }

    /** The instances of a demo study's first series, in display order. */
    public List<InstanceEntry> instances(DemoStudy which) {
        return archive.instances(archive.series(study(which).studyUid()).get(0).seriesUid());
    }

    /** The first file of a demo study, as stored in the archive. */
    public Path firstFile(DemoStudy which) {
        return instances(which).get(0).file();
    }

    @Override
    public void close() {
        archive.close();
    }
}
