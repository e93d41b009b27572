package org.fovea.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.PaletteLut;
import org.fovea.render.PixelInfo;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.PixelSpacing;

import java.nio.file.Path;
import java.util.Set;

/**
 * What an image's header says about its pixels, checked against where its Pixel Data lies: the
 * pixel format, palette, modality and VOI transformations and geometry of every frame. Built the
 * same way when a file is taken into the archive and when the viewer opens it, so that the
 * archive holds only what the viewer can show.
 */
record ImageDescription(PixelFormat format, PaletteLut palette, PixelInfo[] pixelInfos, ImagePlane[] planes,
                        PixelSpacing spacing, DataSetLayout.PixelData pixelData) {

    /**
     * The largest decoded frame accepted, 256 MiB (a 8192 x 8192 RGB frame takes 192 MiB): a
     * compressed frame's size is known only from the header until it is decoded, so an absurd
     * Rows x Columns is refused here rather than allocated.
     */
    static final long FRAME_LIMIT = 256L << 20;

    private static final AttributeTag SEGMENTED_RED_PALETTE = new AttributeTag(0x0028, 0x1221);
    private static final Set<String> NATIVE = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99");

    /**
     * Describes an image and checks that its Pixel Data can be what the header says.
     *
     * @throws DicomReadException naming the file and the reason the image cannot be shown
     */
    static ImageDescription of(Path file, AttributeList list, String transferSyntax, DataSetLayout layout)
            throws DicomReadException {
        DataSetLayout.PixelData pixels = layout.pixelData();
        if (pixels == null) {
            throw new DicomReadException(file, layout.floatPixelData()
                    ? "float pixel data (parametric maps) is not supported" : "the file has no Pixel Data");
        }
        PixelFormat format = PixelFormat.of(file, list);
        long frameBytes = format.bytesPerFrame();
        if (frameBytes > FRAME_LIMIT) {
            throw new DicomReadException(file, "Rows " + format.rows() + " x Columns " + format.columns()
                    + " is not a plausible image size (" + DataSetLayout.grouped(frameBytes) + " bytes a frame)");
        }
        checkPixelData(file, transferSyntax, format, pixels);
        PaletteLut palette = format.photometric().equals("PALETTE COLOR") ? palette(file, list, format) : null;
        PixelInfo[] infos = new PixelInfo[format.frames()];
        ImagePlane[] planes = new ImagePlane[format.frames()];
        boolean perFrame = list.get(TagFromName.PerFrameFunctionalGroupsSequence) != null;
        PixelSpacing spacing = DicomImage.Geometry.spacing(file, list, 0);
        for (int i = 0; i < format.frames(); i++) {
            boolean first = i == 0 || !perFrame;
            infos[i] = first && i > 0 ? infos[0] : PixelInfoReader.read(file, list, format, i);
            planes[i] = first && i > 0 ? planes[0] : DicomImage.Geometry.plane(file, list, i);
        }
        return new ImageDescription(format, palette, infos, planes, spacing, pixels);
    }

    /**
     * Native Pixel Data must hold every frame the header announces; encapsulated Pixel Data at
     * least a fragment per frame (a fragment never holds two frames, PS3.5 A.4), and an offset
     * table, when present, an entry per frame. The frame count is what every array of frames is
     * sized by, so it must be backed by the file before anything is allocated from it.
     */
    private static void checkPixelData(Path file, String transferSyntax, PixelFormat format,
                                       DataSetLayout.PixelData pixels) throws DicomReadException {
        boolean nativeSyntax = NATIVE.contains(transferSyntax);
        if (nativeSyntax && pixels.encapsulated()) {
            throw new DicomReadException(file, "the Pixel Data is encapsulated but the transfer syntax "
                    + TransferSyntaxSupport.describe(transferSyntax) + " is not compressed");
        }
        if (!nativeSyntax && !pixels.encapsulated()) {
            throw new DicomReadException(file, "the transfer syntax " + TransferSyntaxSupport.describe(transferSyntax)
                    + " is compressed but the Pixel Data is not encapsulated");
        }
        if (nativeSyntax) {
            long needed = format.bytesPerFrame() * format.frames();
            if (pixels.length() < needed) {
                throw new DicomReadException(file, "Pixel Data holds " + DataSetLayout.grouped(pixels.length())
                        + " bytes, but " + format.columns() + " x " + format.rows() + " pixels x "
                        + format.samplesPerPixel() + " sample(s) x " + format.bitsAllocated() + " bits x "
                        + format.frames() + " frame(s) need " + DataSetLayout.grouped(needed));
            }
            return;
        }
        if (pixels.fragments() < format.frames()) {
            throw new DicomReadException(file, "the compressed Pixel Data holds " + pixels.fragments() + " fragment"
                    + (pixels.fragments() == 1 ? "" : "s") + " for " + format.frames() + " frame"
                    + (format.frames() == 1 ? "" : "s"));
        }
        if (pixels.offsetTableEntries() != 0 && pixels.offsetTableEntries() != format.frames()) {
            throw new DicomReadException(file, "the compressed Pixel Data's offset table has "
                    + pixels.offsetTableEntries() + " entries for " + format.frames() + " frames");
        }
        CompressedFrameHeader.check(file, transferSyntax, format, pixels);
    }

    private static PaletteLut palette(Path file, AttributeList list, PixelFormat format) throws DicomReadException {
        if (list.get(SEGMENTED_RED_PALETTE) != null) {
            throw new DicomReadException(file, "segmented palette colour lookup tables are not supported"
                    + " (PixelMed offers no expansion of them)");
        }
        LookupTables.Table r = LookupTables.read(file, "the red palette", list,
                TagFromName.RedPaletteColorLookupTableDescriptor, TagFromName.RedPaletteColorLookupTableData, format.signed());
        LookupTables.Table g = LookupTables.read(file, "the green palette", list,
                TagFromName.GreenPaletteColorLookupTableDescriptor, TagFromName.GreenPaletteColorLookupTableData, format.signed());
        LookupTables.Table b = LookupTables.read(file, "the blue palette", list,
                TagFromName.BluePaletteColorLookupTableDescriptor, TagFromName.BluePaletteColorLookupTableData, format.signed());
        if (r.data().length != g.data().length || r.data().length != b.data().length
                || r.firstMapped() != g.firstMapped() || r.firstMapped() != b.firstMapped() || r.bits() != g.bits()
                || r.bits() != b.bits()) {
            throw new DicomReadException(file, "the red, green and blue palette descriptors disagree");
        }
        return new PaletteLut(r.firstMapped(), r.bits(), r.data(), g.data(), b.data());
    }
}
