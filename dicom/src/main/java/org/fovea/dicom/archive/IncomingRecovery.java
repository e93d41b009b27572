package org.fovea.dicom.archive;

import org.fovea.dicom.DicomReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stores what receivers that died left in the incoming folder: the listener's acknowledged files
 * (a sender may have deleted its copy) and a retrieve's completely received files, provided they
 * still hold the bytes they were received with (their checksum, see {@link ReceiveFolder}): a
 * process that died leaves them whole in the operating system's cache, a computer that stopped
 * may not have written them out. Anything that cannot be stored is moved to {@value #SET_ASIDE}
 * with a log line naming it and the reason, never deleted.
 */
final class IncomingRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingRecovery.class);
    static final String SET_ASIDE = "set-aside";
    private static final int BATCH = 100;

    private final LocalArchive archive;
    private final Path incoming;
    /** When this machine started; null when unknown. */
    private final Instant bootTime = bootTime().orElse(null);
    private int stored;
    private int setAside;

    IncomingRecovery(LocalArchive archive) {
        this.archive = archive;
        this.incoming = archive.incomingDirectory();
    }

    /** Recovers every folder no live receiver holds; returns how many images were stored. */
    int run() {
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(incoming)) {
            folders = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals(SET_ASIDE)).sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not look for received files left in {}: {}", incoming, e.getMessage());
            return 0;
        }
        for (Path folder : folders) {
            try {
                ReceiveFolder.whenAbandoned(folder, () -> recover(folder));
            } catch (IOException | ArchiveException e) {
                LOG.warn("Could not recover the received files in {}: {}; trying again at the next start", folder,
                        e.getMessage(), e);
            }
        }
        if (stored + setAside > 0) {
            LOG.info("Stored {} received images left in {} by an interrupted run; {} set aside in {}", stored, incoming,
                    setAside, incoming.resolve(SET_ASIDE));
        }
        return stored;
    }

    private void recover(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(ReceiveFolder.LOCK))
                    .sorted().toList();
        }
        ReceiveBatch batch = archive.receiveBatch();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".dcm")) {
                setAside(f, "its transfer was cut off before the last byte, so it was never acknowledged");
            } else if (!trusted(f)) {
                setAside(f, "its bytes on disk are not those received: the computer stopped before they were written "
                        + "out; retrieve or send the image again");
            } else {
                try {
                    batch.add(f);
                } catch (DicomReadException e) {
                    setAside(f, e.reason());
                }
                if (batch.pending() >= BATCH) {
                    stored += batch.flush();
                }
            }
        }
        stored += batch.flush();
        Folders.deleteTree(folder);
    }

    /**
     * A file with a checksum when its bytes match it; an older one without a checksum when it
     * was written since the computer started.
     */
    private boolean trusted(Path f) throws IOException {
        Optional<Boolean> intact = ReceiveFolder.intact(f);
        return intact.isPresent() ? intact.get() : writtenSinceBoot(f);
    }

    private boolean writtenSinceBoot(Path f) throws IOException {
        return bootTime != null && Files.getLastModifiedTime(f).toInstant().isAfter(bootTime);
    }

    private void setAside(Path file, String reason) throws IOException {
        Path dir = Files.createDirectories(incoming.resolve(SET_ASIDE));
        Path target = dir.resolve(file.getParent().getFileName() + "-" + file.getFileName());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        setAside++;
        LOG.warn("Received file {} was not stored: {}. It is kept as {}", file, reason, target);
    }

    /**
     * The start of process 1 (init, launchd): the machine's boot, or the container's start, which
     * is later and so only makes the check stricter. Unknown where process 1 cannot be seen.
     */
    private static Optional<Instant> bootTime() {
        return ProcessHandle.of(1).flatMap(p -> p.info().startInstant());
    }
}
