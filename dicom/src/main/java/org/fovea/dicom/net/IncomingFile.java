package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One object arriving in a C-STORE: PixelMed's file meta information, then the data set bytes
 * exactly as they come off the association, written once to a file in the receive folder. The
 * name ends in {@code .part} until the last fragment; a file cut off by an abort is deleted.
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

    /** Closes the file after its last fragment; the archive flushes it when it takes it over. */
    Path complete() throws IOException {
        channel.close();
        complete = true;
        return path;
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

    Path path() {
        return path;
    }
}
