package org.fovea.app.upload;

import org.fovea.dicom.AccessionFill;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.Folders;
import org.fovea.dicom.archive.ImportFailure;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.registration.HandUpload;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A technician's hand upload into an exam (T4), for the command line ({@code fovea upload}) and the
 * technician's station alike: the files are checked against the exam ({@link HandUpload}), and the
 * accepted ones imported into the local archive by its own import, exactly as {@code fovea import}
 * stores files (checked, copied, flushed, indexed; duplicates left as they are), with its progress
 * and its cancelling. Files without an accession number go in as a copy carrying the exam's
 * ({@link AccessionFill}), written to a work folder beside the archive and removed afterwards; the
 * user's files are only read. The order's status is left alone: the technician's Done marks the
 * exam examined. Call it off the UI thread.
 */
public final class ExamUpload {

    private static final Logger LOG = LoggerFactory.getLogger(ExamUpload.class);

    private ExamUpload() {
    }

    /**
     * What an upload did.
     *
     * @param check      what the check found (the exam, its patient, the files it accepted)
     * @param imported   images newly stored in the local archive
     * @param duplicates accepted images the archive held already, left as they were
     * @param refused    every file not uploaded, with its reason: refused by the check, or by the
     *                   archive's import (an image it cannot store or show), in that order
     * @param cancelled  the user stopped it; what was stored until then stays
     */
    public record Report(HandUpload.Report check, int imported, int duplicates, List<HandUpload.Refused> refused,
                         boolean cancelled) {
        public Report {
            refused = List.copyOf(refused);
        }

        /** Every file uploaded or already there, and not cancelled. */
        public boolean complete() {
            return refused.isEmpty() && !cancelled;
        }
    }

    /**
     * Uploads into the exam of {@code accession}, with the department database of {@code home}
     * (the embedded one, or the department's PostgreSQL when configured).
     *
     * @param progress called on the importing thread, as {@link LocalArchive#importPaths} calls it,
     *                 with the user's files (never the work copies)
     * @throws IllegalArgumentException when there is no exam of that accession number
     */
    public static Report run(Path home, LocalArchive archive, String accession, List<Path> paths,
                             ImportListener progress, CancelToken cancel) {
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            return run(Registrations.open(db.dataSource()), archive, accession, paths, progress, cancel);
        }
    }

    /** Like {@link #run(Path, LocalArchive, String, List, ImportListener, CancelToken)}, on registrations already open. */
    public static Report run(Registrations registrations, LocalArchive archive, String accession, List<Path> paths,
                             ImportListener progress, CancelToken cancel) {
        HandUpload.Report check = new HandUpload(registrations).check(accession, paths,
                uid -> archive.study(uid).map(StudySummary::accession));
        List<HandUpload.Refused> refused = new ArrayList<>(check.refused());
        if (check.accepted().isEmpty()) {
            LOG.info("Upload into {}: no file accepted, {} refused", accession, refused.size());
            return new Report(check, 0, 0, refused, false);
        }
        Path work = archive.archiveDirectory().resolveSibling("work").resolve("upload-" + UUID.randomUUID());
        try {
            // what the import is given -> the user's file, to name it in progress and failures
            Map<Path, Path> userFile = new HashMap<>();
            List<Path> toImport = new ArrayList<>();
            boolean stopped = false;
            for (HandUpload.Accepted a : check.accepted()) {
                if (cancel.isCancelled()) {
                    stopped = true;
                    break;
                }
                Path file = a.file();
                if (a.fillAccession()) {
                    file = work.resolve(toImport.size() + ".dcm");
                    try {
                        Files.createDirectories(work);
                        AccessionFill.copy(a.file(), file, check.order().accessionNumber());
                    } catch (DicomReadException e) {
                        refused.add(new HandUpload.Refused(a.file(), "no accession number, and it cannot be given "
                                + "the exam's: " + e.reason()));
                        continue;
                    } catch (IOException e) {
                        refused.add(new HandUpload.Refused(a.file(), "no accession number, and the copy carrying the "
                                + "exam's cannot be written (" + e.getMessage() + ")"));
                        continue;
                    }
                }
                userFile.put(file, a.file());
                toImport.add(file);
            }
            ImportReport imported = archive.importPaths(toImport, (done, total, current) -> progress.progress(done,
                    total, current == null ? null : userFile.getOrDefault(current, current)), cancel);
            for (ImportFailure f : imported.failures()) {
                refused.add(new HandUpload.Refused(userFile.getOrDefault(f.file(), f.file()), f.reason()));
            }
            LOG.info("Upload into {}: {} imported, {} already stored, {} refused{}", accession, imported.imported(),
                    imported.duplicates(), refused.size(), imported.cancelled() ? ", cancelled" : "");
            return new Report(check, imported.imported(), imported.duplicates(), refused,
                    stopped || imported.cancelled());
        } finally {
            Folders.deleteTree(work);
        }
    }
}
