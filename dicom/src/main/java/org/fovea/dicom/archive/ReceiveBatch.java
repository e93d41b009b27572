package org.fovea.dicom.archive;

import org.fovea.dicom.DicomReadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Received files taken into the archive one by one but made durable and indexed together:
 * {@link #add} reads a file's header; {@link #flush} then hashes and flushes every pending file to
 * disk at once, gives each its archive name (a hard link) and commits their rows in one
 * transaction synced to disk, and only then deletes the received files from their receive folder.
 *
 * <p>Until its batch is committed a received file keeps its name in its {@link ReceiveFolder}, so
 * a crash at any point loses nothing that folder held: the recovery at the next start stores it.
 * A row is never committed before its file is whole on disk. Thread-safe.
 */
public final class ReceiveBatch {

    /** One file added and not yet flushed. */
    record Pending(Path source, ParsedInstance parsed, StagedFile staged, Path target) {
    }

    private final LocalArchive archive;
    /**
     * Whether the files are the batch's to move into the archive (an import's copies in the
     * staging folder); a receiver's files are linked instead, and keep their names until the
     * batch is committed.
     */
    private final boolean owned;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> pendingUids = new HashSet<>();
    /** Directories that get new entries: each series folder, and the parent of each folder made. */
    private final Set<Path> changedDirs = new LinkedHashSet<>();

    ReceiveBatch(LocalArchive archive, boolean owned) {
        this.archive = archive;
        this.owned = owned;
    }

    /**
     * Takes a complete received file into the batch; IMPORTED means it is pending until the next
     * {@link #flush}. A file whose instance is already stored or pending is deleted at once.
     *
     * @throws DicomReadException when the file is not an instance this workstation can store;
     *         it is left where it was
     */
    public LocalArchive.Imported add(Path file) throws DicomReadException {
        return add(file, ParsedInstance.read(file));
    }

    /** Like {@link #add(Path)}, for a file whose header its receiver has read already. */
    public synchronized LocalArchive.Imported add(Path file, ParsedInstance parsed) throws DicomReadException {
        String sop = parsed.header().sopInstanceUid();
        if (pendingUids.contains(sop) || archive.containsInstance(sop)) {
            LocalArchive.deleteQuietly(file);
            return new LocalArchive.Imported(LocalArchive.Outcome.DUPLICATE, parsed.header());
        }
        Path seriesDir = archive.seriesDirectory(parsed.header());
        try {
            for (Path made : LocalArchive.createDirectories(seriesDir)) {
                changedDirs.add(made.getParent());
            }
            changedDirs.add(seriesDir);
            pending.add(new Pending(file, parsed, StagedFile.received(file), seriesDir.resolve(sop + ".dcm")));
        } catch (IOException e) {
            throw new DicomReadException(file, "could not be taken into the archive (" + e.getMessage() + ")", e);
        }
        pendingUids.add(sop);
        return new LocalArchive.Imported(LocalArchive.Outcome.IMPORTED, parsed.header());
    }

    /** How many files wait for the next flush. */
    public synchronized int pending() {
        return pending.size();
    }

    /**
     * Makes every pending file durable and indexed, then deletes the received files. Returns how
     * many were newly stored (an instance another import stored meanwhile is dropped).
     *
     * @throws ArchiveException when the disk or the database fails; none of the pending files is
     *         stored then, and the received files stay in their folder
     */
    public synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        List<Pending> batch = List.copyOf(pending);
        List<Path> dirs = List.copyOf(changedDirs);
        pending.clear();
        pendingUids.clear();
        changedDirs.clear();
        int stored = archive.commitBatch(batch, dirs, owned);
        batch.forEach(p -> LocalArchive.deleteQuietly(p.source()));
        return stored;
    }
}
