package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.ParsedInstance;
import org.fovea.dicom.archive.ReceiveFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * One object arriving in a C-STORE: PixelMed's file meta information, then the data set bytes
 * exactly as they come off the association, written once to a file in a receive folder. The
 * name ends in {@code .part} until the last fragment; once complete it carries the CRC-32C of the
 * bytes written ({@link ReceiveFolder#completedName}), so that what a crash leaves tells complete
 * from cut-off files and intact from unwritten ones; a file cut off by an abort is deleted.
 */
final class IncomingFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final String sopInstanceUid;
    private final String transferSyntaxUid;
    private final CRC32C crc = new CRC32C();
    /** The data set's first fragments as received, kept to read the header without the file. */
    private final List<byte[]> head = new ArrayList<>();
    private int headBytes;
    private boolean complete;

    private IncomingFile(Path path, FileChannel channel, String sopInstanceUid, String transferSyntaxUid) {
        this.path = path;
        this.channel = channel;
        this.sopInstanceUid = sopInstanceUid;
        this.transferSyntaxUid = transferSyntaxUid;
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
        IncomingFile f = new IncomingFile(path, ch, sopInstanceUid, transferSyntaxUid);
        f.writeOut(meta.toByteArray());
        return f;
    }

    /** Appends a fragment of the data set. */
    void write(byte[] bytes) throws IOException {
        if (headBytes < HEAD_BYTES) {
            byte[] kept = bytes.length <= HEAD_BYTES - headBytes ? bytes : Arrays.copyOf(bytes, HEAD_BYTES - headBytes);
            head.add(kept);
            headBytes += kept.length;
        }
        writeOut(bytes);
    }

    /**
     * Enough for the header of nearly any image; a longer one is read from the file. Kept to this
     * (a first fragment can be a whole 128 KB PDU), as a retrieve's received files may wait in its
     * ingest queue while the disk catches up.
     */
    private static final int HEAD_BYTES = 64 * 1024;

    private void writeOut(byte[] bytes) throws IOException {
        crc.update(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /**
     * Closes the file after its last fragment and names it complete, without flushing it to disk:
     * a process that dies leaves it whole in the operating system's cache, and whoever keeps it
     * flushes it (the archive when it stores it, the listener before it answers a release).
     */
    ReceivedFile complete() throws IOException {
        channel.close();
        Path done = ReceiveFolder.completedName(path, (int) crc.getValue());
        Files.move(path, done, StandardCopyOption.ATOMIC_MOVE);
        complete = true;
        return new ReceivedFile(done, sopInstanceUid, head, transferSyntaxUid);
    }

    /**
     * What the archive needs from the complete object, read from its first fragments as received
     * (the file only when its header is longer than those).
     */
    ParsedInstance parse() throws DicomReadException {
        return ParsedInstance.read(path, head, transferSyntaxUid);
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
}
