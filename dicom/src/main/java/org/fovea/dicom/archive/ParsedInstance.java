package org.fovea.dicom.archive;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import org.fovea.dicom.DataSetLayout;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.IntakeCheck;
import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.TransferSyntaxSupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the archive needs from one file, read once through PixelMed up to the pixel data:
 * the header, the transfer syntax actually used, and the slice position along its normal. A file
 * is read only after its elements were walked ({@link DataSetLayout}), and is returned only when
 * it passes the {@link IntakeCheck}: the archive stores nothing the viewer could not show.
 */
public record ParsedInstance(ImageHeader header, String transferSyntaxUid, Double positionKey) {

    /** Reads and vets a file; the exception's reason is what the import report shows. */
    public static ParsedInstance read(Path file) throws DicomReadException {
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            return read(file, DataSetLayout.of(file, null));
        }
    }

    private static ParsedInstance read(Path file, DataSetLayout layout) throws DicomReadException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            return parse(file, in, layout);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads and vets a received object from the first bytes of its data set, as they came off
     * the network in {@code transferSyntaxUid}, without opening its file; from the file when
     * its header goes on past those bytes.
     */
    public static ParsedInstance read(Path file, List<byte[]> dataSetStart, String transferSyntaxUid)
            throws DicomReadException {
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            return readHead(file, dataSetStart, transferSyntaxUid);
        }
    }

    private static ParsedInstance readHead(Path file, List<byte[]> dataSetStart, String transferSyntaxUid)
            throws DicomReadException {
        DataSetLayout layout = DataSetLayout.of(file, transferSyntaxUid);
        HeadStream head = new HeadStream(dataSetStart);
        try (DicomInputStream in = new DicomInputStream(head, transferSyntaxUid, false)) {
            ParsedInstance parsed = parse(file, in, layout);
            if (!head.exhausted) {
                return parsed;
            }
        } catch (IOException | DicomReadException e) {
            if (!head.exhausted) {
                throw e instanceof DicomReadException d ? d : unreadable(file, e);
            }
        }
        return read(file, layout);
    }

    private static ParsedInstance parse(Path file, DicomInputStream in, DataSetLayout layout) throws DicomReadException {
        AttributeList list = new AttributeList();
        String transferSyntax;
        try {
            list.read(in, TagFromName.PixelData);
            // Files without a meta header (old ACR-NEMA style) have no Transfer Syntax UID
            // attribute; PixelMed has then detected the encoding, and that is what a decoder meets.
            transferSyntax = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID).trim();
            if (transferSyntax.isEmpty() && in.getTransferSyntaxToReadDataSet() != null) {
                transferSyntax = in.getTransferSyntaxToReadDataSet().getUID();
            }
        } catch (IOException | DicomException | RuntimeException e) {
            throw unreadable(file, e);
        }
        ImageHeader header = HeaderReader.fromAttributes(list);
        require(file, header.sopInstanceUid(), "SOP Instance UID");
        require(file, header.studyInstanceUid(), "Study Instance UID");
        require(file, header.seriesInstanceUid(), "Series Instance UID");
        Optional<String> refused = TransferSyntaxSupport.unsupportedReason(transferSyntax);
        if (refused.isPresent()) {
            throw new DicomReadException(file, refused.get());
        }
        IntakeCheck.check(file, list, transferSyntax, layout);
        return new ParsedInstance(header, transferSyntax, positionKey(list));
    }

    private static DicomReadException unreadable(Path file, Exception e) {
        return new DicomReadException(file, "not a readable DICOM file (" + e.getMessage() + ")", e);
    }

    /** The first fragments of a data set as one stream that tells whether it was read to its end. */
    private static final class HeadStream extends InputStream {
        private final List<byte[]> parts;
        private int part;
        private int pos;
        boolean exhausted;

        HeadStream(List<byte[]> parts) {
            this.parts = parts;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (part < parts.size() && pos == parts.get(part).length) {
                part++;
                pos = 0;
            }
            if (part == parts.size()) {
                exhausted = true;
                return -1;
            }
            int n = Math.min(len, parts.get(part).length - pos);
            System.arraycopy(parts.get(part), pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static void require(Path file, String uid, String name) throws DicomReadException {
        if (uid.isEmpty()) {
            throw new DicomReadException(file, "not a DICOM image: no " + name);
        }
        if (!DicomValues.usableAsFileName(uid)) {
            throw new DicomReadException(file, "the " + name + " \"" + uid + "\" is not a valid UID");
        }
    }

    /** Image Position (Patient) projected on the normal of Image Orientation (Patient). */
    private static Double positionKey(AttributeList list) {
        double[] ipp = Attribute.getDoubleValues(list, TagFromName.ImagePositionPatient);
        double[] iop = Attribute.getDoubleValues(list, TagFromName.ImageOrientationPatient);
        if (ipp == null || iop == null || ipp.length != 3 || iop.length != 6) {
            return null;
        }
        double nx = iop[1] * iop[5] - iop[2] * iop[4];
        double ny = iop[2] * iop[3] - iop[0] * iop[5];
        double nz = iop[0] * iop[4] - iop[1] * iop[3];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 1e-6)) {
            return null;
        }
        return (ipp[0] * nx + ipp[1] * ny + ipp[2] * nz) / len;
    }
}
