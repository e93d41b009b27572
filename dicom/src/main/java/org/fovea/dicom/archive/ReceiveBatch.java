package org.fovea.dicom.archive;

import org.fovea.dicom.DicomReadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Received files taken into the archive one by one but made durable together: {@link #add}
 * reads and hashes a file and moves it, still under a temporary name, next to its final place;
 * {@link #flush} then flushes every pending file to disk at once, renames them into place and
 * commits their rows in one transaction, synced to disk before it returns.
 *
 * <p>For files nobody has been told are stored: a retrieve this workstation asked for, whose
 * sender keeps its copy. A crash before a flush leaves only temporary files (removed as stale
 * leftovers when an archive is opened an hour later) and no row for them; the retrieve run again fetches those images. A row is
 * never committed before its file is whole on disk. Thread-safe.
 */
public final class ReceiveBatch {

    /** One file added and not yet flushed. */
    record Pending(Path source, ParsedInstance parsed, StagedFile staged, Path target) {
    }

    private final LocalArchive archive;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> pendingUids = new HashSet<>();

    ReceiveBatch(LocalArchive archive) {
        this.archive = archive;
    }

    /**
     * Takes over a complete received file (consumed as by {@link LocalArchive#importReceived});
     * IMPORTED means it is pending until the next {@link #flush}.
     *
     * @throws DicomReadException when the file is not an instance this workstation can store;
     *         it is left where it was
     */
    public synchronized LocalArchive.Imported add(Path file) throws DicomReadException {
        ParsedInstance parsed = ParsedInstance.read(file);
        String sop = parsed.header().sopInstanceUid();
        if (pendingUids.contains(sop) || archive.containsInstance(sop)) {
            LocalArchive.deleteQuietly(file);
            return new LocalArchive.Imported(LocalArchive.Outcome.DUPLICATE, parsed.header());
        }
        Path seriesDir = archive.seriesDirectory(parsed.header());
        try {
            LocalArchive.createDirectories(seriesDir);
            StagedFile staged = StagedFile.adoptUnsynced(file, seriesDir, sop);
            pending.add(new Pending(file, parsed, staged, seriesDir.resolve(sop + ".dcm")));
        } catch (IOException e) {
            throw new DicomReadException(file, "could not be moved into the archive (" + e.getMessage() + ")", e);
        }
        pendingUids.add(sop);
        return new LocalArchive.Imported(LocalArchive.Outcome.IMPORTED, parsed.header());
    }

    /** How many files wait for the next flush. */
    public synchronized int pending() {
        return pending.size();
    }

    /**
     * Makes every pending file durable and indexed. Returns how many were newly stored (an
     * instance another import stored meanwhile is dropped).
     *
     * @throws ArchiveException when the disk or the database fails; the pending files are then
     *         discarded and none of them is stored
     */
    public synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        pendingUids.clear();
        return archive.commitBatch(batch);
    }
}
