package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Imports files and folders a user names: each file vetted, copied to a staged file flushed to
 * disk, and in one transaction indexed, renamed onto its archive name and committed.
 */
final class FileImport {

    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    private final LocalArchive archive;
    private final DataSource pool;

    FileImport(LocalArchive archive, DataSource pool) {
        this.archive = archive;
        this.pool = pool;
    }

    ImportReport importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) {
        List<ImportFailure> failures = new ArrayList<>();
        List<Path> files = collectFiles(paths, failures);
        int imported = 0;
        int duplicates = 0;
        int done = 0;
        boolean cancelled = false;
        for (Path file : files) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            listener.progress(done, files.size(), file);
            try {
                if (importFile(file) == LocalArchive.Outcome.IMPORTED) {
                    imported++;
                } else {
                    duplicates++;
                }
            } catch (DicomReadException e) {
                failures.add(new ImportFailure(file, e.reason()));
            }
            done++;
        }
        listener.progress(done, files.size(), null);
        LOG.info("Import: {} imported, {} duplicates, {} failed{}", imported, duplicates, failures.size(),
                cancelled ? ", cancelled" : "");
        return new ImportReport(imported, duplicates, failures, cancelled);
    }

    LocalArchive.Outcome importFile(Path file) throws DicomReadException {
        return store(file, ParsedInstance.read(file));
    }

    private LocalArchive.Outcome store(Path file, ParsedInstance parsed) throws DicomReadException {
        ImageHeader h = parsed.header();
        if (archive.containsInstance(h.sopInstanceUid())) {
            return LocalArchive.Outcome.DUPLICATE;
        }
        Path seriesDir = archive.seriesDirectory(h);
        Path target = seriesDir.resolve(h.sopInstanceUid() + ".dcm");
        StagedFile staged;
        try {
            List<Path> created = LocalArchive.createDirectories(seriesDir);
            staged = StagedFile.copy(file, archive.stagingDirectory(), h.sopInstanceUid());
            for (Path dir : created) {
                StagedFile.syncDirectory(dir.getParent());
            }
        } catch (IOException e) {
            throw new DicomReadException(file, "could not be copied into the archive ("
                    + e.getMessage() + ")", e);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                IndexRows.ensureSeriesRows(c, h);
                if (!IndexRows.insertInstance(c, parsed, staged, archive.archiveDirectory().relativize(target))) {
                    c.rollback();
                    staged.discard();
                    return LocalArchive.Outcome.DUPLICATE;
                }
                // Any file already at the target has no committed row (the insert above holds
                // the key), so it is a leftover of an interrupted import and may be replaced.
                staged.moveTo(target);
                c.commit();
                IndexRows.syncDatabase(c);
                return LocalArchive.Outcome.IMPORTED;
            } catch (IOException e) {
                c.rollback();
                staged.discard();
                throw new DicomReadException(file, "could not be stored in the archive (" + e.getMessage() + ")", e);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                staged.discard();
                throw e;
            }
        } catch (SQLException e) {
            throw new ArchiveException("The archive database failed while storing " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<Path> collectFiles(List<Path> paths, List<ImportFailure> failures) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            // DICOMDIR indexes a medium; its instances are the other files.
                            if (attrs.isRegularFile() && !f.getFileName().toString().equals("DICOMDIR")) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            failures.add(new ImportFailure(f, "cannot be read (" + e.getMessage() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    failures.add(new ImportFailure(p, "the folder cannot be read (" + e.getMessage() + ")"));
                }
                found.sort(Comparator.naturalOrder());
                files.addAll(found);
            } else {
                failures.add(new ImportFailure(p, "no such file or folder"));
            }
        }
        return files;
    }
}
