package org.fovea.dicom;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A copy of a DICOM file with its Accession Number (0008,0050) set and every other byte as it was:
 * images a technician uploads by hand into an exam, made by a device that did not fill the
 * accession, come into the archive carrying the exam's identity, as a PACS coerces them.
 *
 * <p>Why a splice rather than PixelMed reading and writing the whole data set: PixelMed's round
 * trip (20220618) is not faithful. Over the shared corpus it wrote patient names in ISO 2022
 * Japanese and Korean, and in ISO_IR 13, as '?', dropped a trailing empty value of a multi-valued
 * string (ImageType {@code ORIGINAL\SECONDARY\\} came back with three values), joined the
 * fragments of a compressed frame and left out the offset table. Here the element walk
 * ({@link DataSetLayout}) finds where the top-level Accession Number is, or where it belongs (before
 * the first element of a higher tag), PixelMed encodes the one new element in the data set's
 * transfer syntax, and the copy is the original's bytes around it. A group length (0008,0000), which
 * old devices still write, is changed by the bytes added. The file meta information is kept as it
 * is: it describes the file, not the accession. The user's file is only read.
 */
public final class AccessionFill {

    private static final int GROUP_0008_LENGTH = 0x00080000;
    private static final int ACCESSION_NUMBER = 0x00080050;
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    /** SH holds at most 16 characters (PS3.5 table 6.2-1). */
    private static final int SH_CHARACTERS = 16;

    private AccessionFill() {
    }

    /**
     * Writes {@code target} as {@code source} with the Accession Number set to {@code accession}
     * (replacing any value it had), then reads the copy back.
     *
     * @param accession printable ASCII, 1 to 16 characters, no backslash: ASCII is the one
     *                  repertoire every Specific Character Set starts a value in, so the value
     *                  reads the same whatever the data set's character set is
     * @throws DicomReadException       naming the source file when its elements do not fit
     *                                  ({@link DataSetLayout}), its data set is deflated (there is
     *                                  no splicing into compressed bytes), or the copy cannot be
     *                                  written or does not read back with the accession
     * @throws IllegalArgumentException when the accession is not such a value
     */
    public static void copy(Path source, Path target, String accession) throws DicomReadException {
        if (accession.isEmpty() || accession.length() > SH_CHARACTERS
                || !accession.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
            throw new IllegalArgumentException("An accession number for a DICOM file is 1 to 16 ASCII characters "
                    + "without a backslash, not \"" + accession + "\"");
        }
        DataSetLayout layout;
        try (LibraryOutput.Scope about = LibraryOutput.about(source)) {
            layout = DataSetLayout.of(source, null);
        }
        String ts = layout.transferSyntaxUid();
        if (DEFLATED.equals(ts)) {
            throw new DicomReadException(source, "its data set is deflated, so the accession number cannot be set "
                    + "without encoding the whole file again");
        }
        byte[] element = encode(source, accession, ts);
        List<DataSetLayout.Element> elements = layout.elements();
        long cutFrom;
        long cutTo;
        DataSetLayout.Element present = find(elements, ACCESSION_NUMBER);
        if (present != null) {
            cutFrom = present.start();
            cutTo = present.end();
        } else {
            cutFrom = elements.stream().filter(e -> Integer.compareUnsigned(e.tag(), ACCESSION_NUMBER) > 0)
                    .mapToLong(DataSetLayout.Element::start).findFirst().orElse(fileSize(source));
            cutTo = cutFrom;
        }
        DataSetLayout.Element groupLength = find(elements, GROUP_0008_LENGTH);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = 0;
            if (groupLength != null && groupLength.end() <= cutFrom) {
                // its value, an UL, is the element's last four bytes
                long valueAt = groupLength.end() - 4;
                transfer(in, at, valueAt, out);
                ByteBuffer value = ByteBuffer.allocate(4).order(EXPLICIT_BE.equals(ts) ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN);
                in.read(value, valueAt);
                value.flip();
                long changed = Integer.toUnsignedLong(value.getInt()) - (cutTo - cutFrom) + element.length;
                value.clear();
                value.putInt((int) changed).flip();
                out.write(value);
                at = groupLength.end();
            }
            transfer(in, at, cutFrom, out);
            out.write(ByteBuffer.wrap(element));
            transfer(in, cutTo, in.size(), out);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new DicomReadException(source, "a copy with the accession number could not be written ("
                    + e.getMessage() + ")", e);
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new DicomReadException(source, "a copy with the accession number could not be written ("
                    + e.getMessage() + ")", e);
        }
        String readBack;
        try {
            readBack = HeaderReader.read(target).accessionNumber();
        } catch (DicomReadException e) {
            deleteQuietly(target);
            throw new DicomReadException(source, "its copy with the accession number does not read back ("
                    + e.reason() + ")", e);
        }
        if (!readBack.equals(accession)) {
            deleteQuietly(target);
            throw new DicomReadException(source, "its copy reads back accession number \"" + readBack
                    + "\" instead of " + accession);
        }
    }

    /** The Accession Number element as the data set's transfer syntax encodes it, by PixelMed. */
    private static byte[] encode(Path source, String accession, String ts) throws DicomReadException {
        try {
            ShortStringAttribute a = new ShortStringAttribute(TagFromName.AccessionNumber);
            a.addValue(accession);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DicomOutputStream out = new DicomOutputStream(bytes, null, ts);
            a.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException | DicomException e) {
            throw new DicomReadException(source, "the accession number cannot be encoded in its transfer syntax "
                    + ts + " (" + e.getMessage() + ")", e);
        }
    }

    private static DataSetLayout.Element find(List<DataSetLayout.Element> elements, int tag) {
        return elements.stream().filter(e -> e.tag() == tag).findFirst().orElse(null);
    }

    private static void transfer(FileChannel in, long from, long to, FileChannel out) throws IOException {
        for (long at = from; at < to; ) {
            long n = in.transferTo(at, to - at, out);
            if (n <= 0) {
                throw new IOException("the file ended at byte " + at + " while it was being copied");
            }
            at += n;
        }
    }

    private static long fileSize(Path file) throws DicomReadException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DicomReadException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover copy in a work folder its caller removes
        }
    }
}
