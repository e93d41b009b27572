package org.fovea.dicom.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/**
 * A folder under {@link LocalArchive#incomingDirectory()} that one receiver (the listener, or one
 * retrieve) writes received files to, locked for as long as that receiver runs.
 *
 * <p>Whatever is left in a folder nobody holds was left by a receiver that died: the recovery
 * run when an archive or a listener opens takes it over ({@link LocalArchive#recoverIncoming}).
 * The lock is an OS file lock on {@value #LOCK}, so another process (the GUI and a command-line
 * import share a home) never takes over a live receiver's files. Within this JVM the folders are
 * also remembered: opening and closing a second channel on the lock file would release this
 * process's lock on some platforms (see {@link FileLock}).
 *
 * <p>A file still being written ends in {@code .part}. A completed file is named
 * {@code <name>.<crc>.dcm}, where {@code crc} is the CRC-32C of its bytes as they were received
 * ({@link #completedName}): files are acknowledged or counted before they are flushed to disk,
 * and after the computer stops the recovery stores only those whose bytes still match
 * ({@link #intact}).
 */
public final class ReceiveFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveFolder.class);
    static final String LOCK = ".lock";
    /** Kind of the listener's folder. */
    public static final String PUSH = "push";
    private static final String COMPLETE = ".dcm";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ReceiveFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates and locks a new folder {@code <kind>-<random>} in the archive's incoming folder;
     * the kind ({@link #PUSH}, "get", "move") only names it for whoever looks.
     */
    public static ReceiveFolder create(LocalArchive archive, String kind) throws IOException {
        Path dir = archive.incomingDirectory().resolve(kind + "-" + UUID.randomUUID());
        // every folder made, the incoming folder too on first use, must survive a crash with the
        // durable files in it
        for (Path made : LocalArchive.createDirectories(dir)) {
            StagedFile.syncDirectory(made.getParent());
        }
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.lock();
            HELD_HERE.add(dir.toAbsolutePath().normalize());
            return new ReceiveFolder(dir, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return dir;
    }

    /**
     * The name a complete received file takes in place of {@code <name>.part}: its checksum, so
     * that the recovery can tell its bytes from what a stopped computer left on disk.
     */
    public static Path completedName(Path partFile, int crc32c) {
        String name = partFile.getFileName().toString();
        String base = name.endsWith(".part") ? name.substring(0, name.length() - ".part".length()) : name;
        return partFile.resolveSibling(base + "." + String.format("%08x", crc32c) + COMPLETE);
    }

    /**
     * Whether a complete received file still holds the bytes it was received with; empty for a
     * file without a checksum in its name (named before checksums were kept).
     */
    static Optional<Boolean> intact(Path file) throws IOException {
        Matcher m = CHECKSUMMED.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return Optional.of((int) crc.getValue() == Integer.parseUnsignedInt(m.group(1), 16));
    }

    private static final Pattern CHECKSUMMED = Pattern.compile(".*\\.([0-9a-f]{8})\\.dcm");

    /**
     * Makes received files of this folder durable: each flushed to disk (in parallel, so the
     * flushes share the disk's cache flushes) and the folder's entries too. A file no longer here
     * has been stored in the archive, durably, and is skipped.
     *
     * @throws IOException when the disk fails; the files may then be lost in a power cut
     */
    public void makeDurable(Collection<Path> files) throws IOException {
        StagedFile.forceAll(files);
        FileChannel folder;
        try {
            folder = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            // platforms that cannot open a directory (Windows) journal their entries themselves
            return;
        }
        try (folder) {
            folder.force(true);
        }
    }

    /**
     * Runs {@code recover} on a folder only if no live receiver holds it, with the folder locked
     * meanwhile; returns false when it is in use.
     */
    static boolean whenAbandoned(Path dir, IoAction recover) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        if (HELD_HERE.contains(key)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return false;
            }
            if (lock == null) {
                return false;
            }
            HELD_HERE.add(key);
            try {
                recover.run();
            } finally {
                HELD_HERE.remove(key);
                lock.release();
            }
            return true;
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Releases the folder. Partial files (cut off mid-transfer, never acknowledged) are deleted;
     * complete files still here could not be stored (the database failed) and stay for the
     * recovery at the next start; the folder goes when nothing is left.
     */
    @Override
    public void close() {
        boolean empty = true;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".part")) {
                    Files.deleteIfExists(f);
                } else if (!name.equals(LOCK)) {
                    empty = false;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not clean the receive folder {}: {}", dir, e.getMessage());
            empty = false;
        }
        if (!empty) {
            LOG.warn("Received files that could not be stored stay in {}; they are stored when Fovea next starts", dir);
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Releasing {} failed", dir, e);
        }
        HELD_HERE.remove(dir.toAbsolutePath().normalize());
        if (empty) {
            Folders.deleteTree(dir);
        }
    }
}
