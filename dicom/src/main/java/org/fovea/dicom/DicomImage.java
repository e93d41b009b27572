package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.PixelSpacing;
import org.fovea.render.geom.Vec3;
import org.fovea.render.measure.Scale;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One DICOM image instance read through PixelMed: its header, the transformations render-core
 * needs, its geometry, and its frames as stored values. Frames are decoded on first request
 * and kept, or decoded into the caller's array with {@link #frameInto}; a DicomImage may be
 * shared between threads.
 */
public final class DicomImage {
    private final Path file;
    private final ImageHeader header;
    private final String transferSyntaxUid;
    private final PixelFormat format;
    private final PixelInfo[] pixelInfos;
    private final ImagePlane[] planes;
    private final PixelSpacing spacing;
    private final Scale scale;
    private final PixelDecoder decoder;

    private DicomImage(Path file, ImageHeader header, String transferSyntaxUid, PixelFormat format,
                       PixelInfo[] pixelInfos, ImagePlane[] planes, PixelSpacing spacing, Scale scale,
                       PixelDecoder decoder) {
        this.file = file;
        this.header = header;
        this.transferSyntaxUid = transferSyntaxUid;
        this.format = format;
        this.pixelInfos = pixelInfos;
        this.planes = planes;
        this.spacing = spacing;
        this.scale = scale;
        this.decoder = decoder;
    }

    /**
     * Reads the header of a file and checks its pixel data. The file's elements are walked
     * first ({@link DataSetLayout}), so nothing is allocated from a length the file cannot back.
     * Plain little-endian 16-bit pixel data is left in the file and read when a frame is asked
     * for, so that {@link #frameInto} reads it once, into its destination; other pixel data is
     * read here, and compressed frames are decompressed when first asked for. A transfer syntax
     * Fovea cannot decode, or pixel data that does not fit the image, is refused here, with the
     * reason in the message.
     */
    public static DicomImage read(Path file) throws DicomReadException {
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            return readFile(file);
        }
    }

    private static DicomImage readFile(Path file) throws DicomReadException {
        if (!Files.isRegularFile(file)) {
            throw new DicomReadException(file, "not a file");
        }
        DataSetLayout layout = DataSetLayout.of(file, null);
        AttributeList list = new AttributeList();
        // keep encapsulated frames compressed: PixelMed would otherwise decompress every frame
        // while reading, before the first one can be shown
        list.setDecompressPixelData(false);
        String transferSyntax;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DicomInputStream dicom = new DicomInputStream(in)) {
            list.read(dicom, TagFromName.PixelData);
            transferSyntax = dicom.getTransferSyntaxToReadDataSet() == null
                    ? "" : dicom.getTransferSyntaxToReadDataSet().getUID();
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(file, "not a readable DICOM file (" + e.getMessage() + ")", e);
        }
        String declared = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID).trim();
        if (declared.isEmpty() && !transferSyntax.isEmpty()) {
            // a bare data set without file meta information (old archives): PixelMed recognised
            // its encoding, and the header should say which so that callers need not guess
            try {
                Attribute ts = new UniqueIdentifierAttribute(TagFromName.TransferSyntaxUID);
                ts.addValue(transferSyntax);
                list.put(ts);
            } catch (DicomException e) {
                throw new DicomReadException(file, "the transfer syntax cannot be recorded (" + e.getMessage() + ")", e);
            }
        } else if (!declared.isEmpty()) {
            transferSyntax = declared;
        }
        layout.requireRead(file, list);
        if (Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID).isBlank()) {
            throw new DicomReadException(file, "not a DICOM image: no SOP Instance UID");
        }
        Optional<String> refused = TransferSyntaxSupport.unsupportedReason(transferSyntax);
        if (refused.isPresent()) {
            throw new DicomReadException(file, refused.get());
        }
        ImageDescription d = ImageDescription.of(file, list, transferSyntax, layout);
        PixelDecoder decoder = pixelDecoder(file, transferSyntax, d);
        return new DicomImage(file, HeaderReader.fromAttributes(list), transferSyntax, d.format(), d.pixelInfos(),
                d.planes(), d.spacing(), Scale.of(d.spacing(), Geometry.magnification(file, list)), decoder);
    }

    /**
     * Plain uncompressed data is located for reading on demand, anything else goes through a
     * full PixelMed read of the file.
     */
    private static PixelDecoder pixelDecoder(Path file, String transferSyntax, ImageDescription d)
            throws DicomReadException {
        NativePixelReader.Location words = NativePixelReader.locate(file, d.pixelData(), transferSyntax, d.format());
        if (words != null) {
            return PixelDecoder.ofFile(file, transferSyntax, d.format(), d.palette(), words);
        }
        AttributeList full = new AttributeList();
        full.setDecompressPixelData(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DicomInputStream dicom = new DicomInputStream(in)) {
            full.read(dicom);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(file, "the pixel data cannot be read (" + e.getMessage() + ")", e);
        }
        return PixelDecoder.of(file, transferSyntax, d.format(), d.palette(), full.get(TagFromName.PixelData));
    }

    public ImageHeader header() { return header; }

    /** The transfer syntax the data set was encoded in (detected when the file has no meta information). */
    public String transferSyntaxUid() { return transferSyntaxUid; }

    public int frameCount() { return format.frames(); }

    public int rows() { return format.rows(); }

    public int columns() { return format.columns(); }

    /** Photometric Interpretation as written in the file (before any YBR to RGB conversion). */
    public String photometricInterpretation() { return format.photometric(); }

    /** Modality LUT, MONOCHROME1 flag and header VOIs (windows first, then VOI LUTs) of the first frame. */
    public PixelInfo pixelInfo() { return pixelInfos[0]; }

    /** As {@link #pixelInfo()}, for one frame: enhanced multi-frame images may differ per frame. */
    public PixelInfo pixelInfo(int frameIndex) { return pixelInfos[frameIndex]; }

    /** True when the frames are packed colour (RGB, YBR), which {@link #frameInto} cannot hold. */
    public boolean colour() { return format.colour(); }

    /** The stored values of one frame (0-based), decoded once and kept by this image. */
    public Frame frame(int index) throws DicomReadException { return decoder.frame(index); }

    /**
     * Decodes the stored values of one grayscale or palette frame into
     * {@code dst[offset .. offset + columns * rows)} and returns a frame that is a view of that
     * segment. This image does not keep it: a series can hold all its slices in one array.
     *
     * @throws IllegalArgumentException for a {@linkplain #colour() colour} image
     * @throws IndexOutOfBoundsException when the segment does not fit in {@code dst}
     */
    public Frame frameInto(int index, short[] dst, int offset) throws DicomReadException {
        return decoder.frameInto(index, dst, offset);
    }

    /**
     * Where a frame lies in the patient, or null without Image Position/Orientation (Patient).
     * Without any pixel spacing the plane is in pixel units (spacing 1, source "none").
     */
    public ImagePlane plane(int frameIndex) {
        return planes[frameIndex];
    }

    /** Pixel Spacing, else Imager Pixel Spacing, with the source named; empty when uncalibrated. */
    public Optional<PixelSpacing> spacing() { return Optional.ofNullable(spacing); }

    /**
     * The scale measurements on this image use: its {@link #spacing()}, with Imager Pixel Spacing
     * divided by the Estimated Radiographic Magnification Factor when the header gives one; px
     * when the image has no spacing.
     */
    public Scale scale() { return scale; }

    public Path file() { return file; }

    @Override
    public String toString() {
        return file.getFileName() + " " + format.columns() + "x" + format.rows() + "x" + format.frames() + " "
                + format.photometric() + " " + TransferSyntaxSupport.describe(transferSyntaxUid);
    }

    /** Image Position/Orientation and Pixel Spacing, from the frame's functional groups or the top level. */
    static final class Geometry {
        private Geometry() {
        }

        static PixelSpacing spacing(Path file, AttributeList list, int frameIndex) throws DicomReadException {
            double[] ps = doubles(file, list, TagFromName.PixelSpacing);
            if (ps == null) {
                AttributeList measures = FunctionalGroups.macro(list, frameIndex, TagFromName.PixelMeasuresSequence);
                ps = measures == null ? null : doubles(file, measures, TagFromName.PixelSpacing);
            }
            if (valid(ps)) {
                return new PixelSpacing(ps[0], ps[1], "Pixel Spacing");
            }
            double[] imager = doubles(file, list, TagFromName.ImagerPixelSpacing);
            return valid(imager) ? new PixelSpacing(imager[0], imager[1], "Imager Pixel Spacing") : null;
        }

        static ImagePlane plane(Path file, AttributeList list, int frameIndex) throws DicomReadException {
            AttributeList position = FunctionalGroups.macro(list, frameIndex, TagFromName.PlanePositionSequence);
            AttributeList orientation = FunctionalGroups.macro(list, frameIndex, TagFromName.PlaneOrientationSequence);
            double[] ipp = doubles(file, position != null ? position : list, TagFromName.ImagePositionPatient);
            double[] iop = doubles(file, orientation != null ? orientation : list, TagFromName.ImageOrientationPatient);
            if (ipp == null || ipp.length != 3 || iop == null || iop.length != 6) {
                return null;
            }
            Vec3 row = new Vec3(iop[0], iop[1], iop[2]);
            Vec3 column = new Vec3(iop[3], iop[4], iop[5]);
            if (row.length() == 0 || column.length() == 0) {
                throw new DicomReadException(file, "Image Orientation (Patient) has a zero direction");
            }
            PixelSpacing s = spacing(file, list, frameIndex);
            AttributeList measures = FunctionalGroups.macro(list, frameIndex, TagFromName.PixelMeasuresSequence);
            double thickness = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.SliceThickness,
                    measures == null ? 0 : Attribute.getSingleDoubleValueOrDefault(measures, TagFromName.SliceThickness, 0));
            return new ImagePlane(Vec3.of(ipp), row.normalized(), column.normalized(),
                    s == null ? 1 : s.rowMm(), s == null ? 1 : s.columnMm(), thickness, s == null ? "none" : s.source());
        }

        /**
         * Estimated Radiographic Magnification Factor (0018,1114), or NaN when absent or unreadable:
         * a broken factor leaves the detector spacing uncorrected (and says so) rather than
         * refusing an image that shows perfectly well.
         */
        static double magnification(Path file, AttributeList list) {
            Attribute a = list.get(TagFromName.EstimatedRadiographicMagnificationFactor);
            if (a == null || a.getVM() == 0) {
                return Double.NaN;
            }
            try {
                double[] v = DicomNumbers.of(a);
                return v != null && v.length == 1 && v[0] > 0 ? v[0] : Double.NaN;
            } catch (DicomException | NumberFormatException e) {
                org.slf4j.LoggerFactory.getLogger(DicomImage.class).warn(
                        "{}: Estimated Radiographic Magnification Factor is not a number; measuring at the detector",
                        file);
                return Double.NaN;
            }
        }

        private static boolean valid(double[] spacing) {
            return spacing != null && spacing.length == 2 && spacing[0] > 0 && spacing[1] > 0;
        }

        private static double[] doubles(Path file, AttributeList list, AttributeTag tag) throws DicomReadException {
            Attribute a = list.get(tag);
            try {
                return DicomNumbers.of(a);
            } catch (DicomException | NumberFormatException e) {
                throw new DicomReadException(file, tag + " is not numeric (" + e.getMessage() + ")", e);
            }
        }
    }
}
