package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One object arriving in a C-STORE: PixelMed's file meta information, then the data set bytes
 * exactly as they come off the association, written once to a file in a receive folder. The
 * name ends in {@code .part} until the last fragment and {@code .dcm} once complete, so that what
 * a crash leaves tells complete from cut-off files; a file cut off by an abort is deleted.
 */
final class IncomingFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private boolean complete;

    private IncomingFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static IncomingFile open(Path folder, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                             String sourceAeTitle) throws IOException, DicomException {
        Path path = folder.resolve(UUID.randomUUID() + ".part");
        ByteArrayOutputStream meta = new ByteArrayOutputStream(512);
        DicomOutputStream dout = new DicomOutputStream(meta, TransferSyntax.ExplicitVRLittleEndian, null);
        new FileMetaInformation(sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAeTitle).getAttributeList()
                .write(dout);
        dout.flush();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        IncomingFile f = new IncomingFile(path, ch);
        f.write(meta.toByteArray());
        return f;
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /**
     * Closes the file after its last fragment and names it complete, without flushing it: for a
     * retrieve, whose node keeps its copy; the archive flushes it when it stores it.
     */
    Path complete() throws IOException {
        channel.close();
        return named();
    }

    /**
     * Closes the file after its last fragment once it is on disk under its complete name, its
     * directory entry too: then it survives a crash and may be acknowledged to a sender who will
     * delete its copy.
     */
    Path completeDurably() throws IOException {
        channel.force(true);
        channel.close();
        Path done = named();
        FileChannel dir;
        try {
            dir = FileChannel.open(done.getParent(), StandardOpenOption.READ);
        } catch (IOException e) {
            // platforms that cannot open a directory (Windows) journal renames themselves
            return done;
        }
        // a failing flush must fail the image: the sender would delete its copy
        try (dir) {
            dir.force(true);
        }
        return done;
    }

    private Path named() throws IOException {
        Path done = path.resolveSibling(path.getFileName().toString().replace(".part", ".dcm"));
        Files.move(path, done, StandardCopyOption.ATOMIC_MOVE);
        complete = true;
        return done;
    }

    /** Deletes the file unless it was completed. */
    @Override
    public void close() {
        if (complete) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next either way
        }
        Ingest.deleteQuietly(path);
    }

    /** Where the bytes are being written: readable while the file is open. */
    Path path() {
        return path;
    }
}
