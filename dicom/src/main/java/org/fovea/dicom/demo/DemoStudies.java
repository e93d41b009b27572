package org.fovea.dicom.demo;

import org.fovea.dicom.archive.Folders;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the demo patient's three studies into an archive: generated as real DICOM into a work
 * directory, then imported through the archive's normal import (so they are stored and indexed
 * exactly like received files), and the work files removed.
 */
public final class DemoStudies {

    private static final Logger LOG = LoggerFactory.getLogger(DemoStudies.class);

    /** What {@link #ensure} did: the studies it generated now, and whether it was cancelled. */
    public record Result(List<DemoStudy> generated, boolean cancelled) {
        public Result {
            generated = List.copyOf(generated);
        }
    }

    private DemoStudies() {
    }

    /** {@link #ensure(DemoSize, LocalArchive, Path, DemoListener, CancelToken)} at full size. */
    public static Result ensure(LocalArchive archive, Path workDir, DemoListener progress, CancelToken cancel) {
        return ensure(DemoSize.STANDARD, archive, workDir, progress, cancel);
    }

    /**
     * Generates and imports whichever demo studies the archive does not hold completely; does
     * nothing when all are there. Current studies are dated today, the prior one year earlier.
     */
    public static Result ensure(DemoSize size, LocalArchive archive, Path workDir, DemoListener progress,
                                CancelToken cancel) {
        LocalDate today = LocalDate.now();
        List<DemoStudy> generated = new ArrayList<>();
        for (DemoStudy study : DemoStudy.values()) {
            if (isComplete(archive, study, size)) {
                continue;
            }
            if (cancel.isCancelled()) {
                return new Result(generated, true);
            }
            Path dir = workDir.resolve("fovea-demo-" + study.name().toLowerCase());
            try {
                Files.createDirectories(dir);
                if (!generate(study, size, today.minusYears(study.yearsAgo()), dir, progress, cancel)) {
                    return new Result(generated, true);
                }
                int total = expectedInstances(study, size);
                ImportReport report = archive.importPaths(List.of(dir),
                        (done, all, current) -> progress.progress(study, DemoListener.Stage.IMPORTING, done, all),
                        cancel);
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("The generated demo file " + report.failures().get(0).message());
                }
                if (report.cancelled()) {
                    return new Result(generated, true);
                }
                LOG.info("Demo study {}: {} of {} files imported", study, report.imported(), total);
                generated.add(study);
            } catch (IOException e) {
                throw new ArchiveException("Cannot write the demo studies into " + dir + ": " + e.getMessage(), e);
            } finally {
                Folders.deleteTree(dir);
            }
        }
        return new Result(generated, false);
    }

    /** Whether the archive holds every file of a demo study. */
    public static boolean isComplete(LocalArchive archive, DemoStudy study, DemoSize size) {
        Optional<StudySummary> stored = archive.study(study.studyUid(size));
        return stored.isPresent() && stored.get().instanceCount() == expectedInstances(study, size);
    }

    static int expectedInstances(DemoStudy study, DemoSize size) {
        return switch (study) {
            case CURRENT_CT -> size.current().slices() + 1;
            case PRIOR_CT -> size.prior().slices();
            case CHEST_DR -> 1;
        };
    }

    /** Writes one study's files into {@code dir}; false when cancelled. */
    static boolean generate(DemoStudy study, DemoSize size, LocalDate date, Path dir, DemoListener progress,
                            CancelToken cancel) {
        return switch (study) {
            case CURRENT_CT -> {
                boolean done = writeCt(study, size, size.current(), ChestPhantom.CURRENT_NODULES, date, dir, progress,
                        cancel);
                if (done) {
                    LocalizerWriter.write(new ChestPhantom(ChestPhantom.CURRENT_NODULES), size, date,
                            dir.resolve("CT_LOCALIZER.dcm"));
                }
                yield done && !cancel.isCancelled();
            }
            case PRIOR_CT -> writeCt(study, size, size.prior(), ChestPhantom.PRIOR_NODULES, date, dir, progress,
                    cancel);
            case CHEST_DR -> {
                progress.progress(study, DemoListener.Stage.GENERATING, 0, 1);
                RadiographWriter.write(new ChestPhantom(ChestPhantom.CURRENT_NODULES), size.radiograph(), size, date,
                        dir.resolve("DX0001.dcm"));
                progress.progress(study, DemoListener.Stage.GENERATING, 1, 1);
                yield !cancel.isCancelled();
            }
        };
    }

    private static boolean writeCt(DemoStudy study, DemoSize size, CtGeometry geometry,
                                   List<ChestPhantom.Nodule> nodules, LocalDate date, Path dir,
                                   DemoListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        boolean done = CtSeriesWriter.write(new ChestPhantom(nodules), geometry, study, size, date, dir,
                n -> progress.progress(study, DemoListener.Stage.GENERATING, n, geometry.slices()), cancel);
        LOG.info("Demo study {}: {} slices of {}x{} generated in {} ms", study, geometry.slices(), geometry.matrix(),
                geometry.matrix(), (System.nanoTime() - start) / 1_000_000);
        return done;
    }
}
