package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.ByteFrameSource;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.OtherWordAttribute;
import org.fovea.render.Frame;
import org.fovea.render.PaletteLut;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns Pixel Data into render-core frames of stored values. Plain little-endian 16-bit words
 * are read from the file by {@link NativePixelReader} when a frame is asked for; other
 * uncompressed data, which PixelMed read with the header, is only masked and sign-extended;
 * encapsulated data is decompressed frame by frame through PixelMed's
 * {@link CompressedFrameDecoder} (ImageIO readers, PixelMed's own RLE), on first request, so
 * the first frame of a large multi-frame is ready without waiting for the rest. Frames asked
 * for with {@link #frame} are kept: a viewer asks for the same frame many times. Frames decoded
 * into a caller's array with {@link #frameInto} are not: the caller keeps them.
 */
final class PixelDecoder {
    private final Path file;
    private final String transferSyntaxUid;
    private final PixelFormat format;
    private final PaletteLut palette;
    private final AtomicReferenceArray<Frame> frames;
    /** Plain little-endian 16-bit words still in the file; null otherwise. */
    private final NativePixelReader.Location location;
    /** Uncompressed 16-bit samples PixelMed read, in native order; null otherwise. */
    private final short[] words;
    /** Uncompressed 8-bit samples; null otherwise. */
    private final byte[] bytes;
    private final ByteFrameSource compressed;
    private CompressedFrameDecoder decompressor;

    private PixelDecoder(Path file, String transferSyntaxUid, PixelFormat format, PaletteLut palette,
                         NativePixelReader.Location location, short[] words, byte[] bytes, ByteFrameSource compressed) {
        this.file = file;
        this.transferSyntaxUid = transferSyntaxUid;
        this.format = format;
        this.palette = palette;
        this.location = location;
        this.words = words;
        this.bytes = bytes;
        this.compressed = compressed;
        this.frames = new AtomicReferenceArray<>(format.frames());
    }

    /** Plain 16-bit words that {@link NativePixelReader} reads from the file on demand. */
    static PixelDecoder ofFile(Path file, String transferSyntaxUid, PixelFormat format, PaletteLut palette,
                               NativePixelReader.Location location) {
        return new PixelDecoder(file, transferSyntaxUid, format, palette, location, null, null, null);
    }

    static PixelDecoder of(Path file, String transferSyntaxUid, PixelFormat format, PaletteLut palette,
                           Attribute pixelData) throws DicomReadException {
        if (pixelData == null) {
            throw new DicomReadException(file, "the file has no Pixel Data");
        }
        try {
            if (pixelData instanceof ByteFrameSource source) {
                if (pixelData instanceof OtherByteAttributeMultipleCompressedFrames frames
                        && frames.getNumberOfFrames() < format.frames()) {
                    throw new DicomReadException(file, "the compressed pixel data holds " + frames.getNumberOfFrames()
                            + " frames but Number of Frames is " + format.frames());
                }
                return new PixelDecoder(file, transferSyntaxUid, format, palette, null, null, null, source);
            }
            long needed = format.bytesPerFrame() * format.frames();
            if (format.bitsAllocated() == 16) {
                short[] w = pixelData.getShortValues();
                if (w == null || 2L * w.length < needed) {
                    throw shortData(file, w == null ? 0 : 2L * w.length, needed);
                }
                return new PixelDecoder(file, transferSyntaxUid, format, palette, null, w, null, null);
            }
            // 8-bit samples read as OW (Implicit VR has no VR to say OB) keep the file's byte order,
            // which in every uncompressed syntax that uses OW for 8-bit data is little endian
            byte[] b = pixelData instanceof OtherWordAttribute ow ? ow.getByteValues(false) : pixelData.getByteValues();
            if (b == null || b.length < needed) {
                throw shortData(file, b == null ? 0 : b.length, needed);
            }
            return new PixelDecoder(file, transferSyntaxUid, format, palette, null, null, b, null);
        } catch (DicomException e) {
            throw new DicomReadException(file, "the pixel data cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static DicomReadException shortData(Path file, long have, long needed) {
        return new DicomReadException(file, "the pixel data is truncated (" + have + " bytes, the image needs " + needed + ")");
    }

    Frame frame(int index) throws DicomReadException {
        checkIndex(index);
        Frame f = frames.get(index);
        if (f == null) {
            f = format.colour() ? colourFrame(index) : ownGrayFrame(index);
            frames.compareAndSet(index, null, f);
            f = frames.get(index);
        }
        return f;
    }

    /**
     * Decodes a grayscale or palette frame into {@code dst} from {@code offset} and returns a
     * frame that is a view of it. A frame already kept by {@link #frame} is copied.
     */
    Frame frameInto(int index, short[] dst, int offset) throws DicomReadException {
        checkIndex(index);
        if (format.colour()) {
            throw new IllegalArgumentException(file.getFileName() + " holds colour frames, not stored values");
        }
        int n = format.pixelsPerFrame();
        Objects.checkFromIndexSize(offset, n, dst.length);
        Frame kept = frames.get(index);
        if (kept != null) {
            System.arraycopy(kept.values(), kept.offset(), dst, offset, n);
        } else {
            decodeGray(index, dst, offset);
        }
        return gray(dst, offset);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= format.frames()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + format.frames());
        }
    }

    private Frame ownGrayFrame(int index) throws DicomReadException {
        if (words != null && format.frames() == 1 && format.highBit() == format.bitsStored() - 1) {
            // a single frame owns PixelMed's array, so it is masked in place instead of copied;
            // masking and sign extension are idempotent when nothing is shifted, so two threads
            // racing here agree
            if (format.bitsStored() < 16) {
                normalize(words, 0, words, 0, format.pixelsPerFrame());
            }
            return gray(words, 0);
        }
        short[] out = new short[format.pixelsPerFrame()];
        decodeGray(index, out, 0);
        return gray(out, 0);
    }

    /** The stored values of grayscale frame {@code index} into {@code out} from {@code offset}. */
    private void decodeGray(int index, short[] out, int offset) throws DicomReadException {
        int n = format.pixelsPerFrame();
        if (location != null) {
            try {
                NativePixelReader.read(location, (long) index * n, out, offset, n);
            } catch (IOException e) {
                throw new DicomReadException(file, "the pixel data cannot be read (" + e.getMessage() + ")", e);
            }
            normalize(out, offset, out, offset, n);
        } else if (words != null) {
            normalize(words, index * n, out, offset, n);
        } else if (bytes != null) {
            normalize(bytes, index * n, out, offset, n);
        } else {
            normalize(decompress(index).getSamples(0, 0, format.columns(), format.rows(), 0, (int[]) null),
                    out, offset, n);
        }
    }

    private Frame gray(short[] values, int offset) {
        return palette != null
                ? Frame.palette(format.columns(), format.rows(), values, offset, format.signed(), format.bitsStored(),
                        palette)
                : Frame.grayscale(format.columns(), format.rows(), values, offset, format.signed(),
                        format.bitsStored());
    }

    /**
     * Stored value = the Bits Stored bits ending at High Bit, sign-extended when Pixel
     * Representation is 1. {@code in} and {@code out} may be the same segment: each word is
     * read before it is written.
     */
    private void normalize(short[] in, int inOffset, short[] out, int outOffset, int n) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        if (bitsStored == 16) {
            if (in != out || inOffset != outOffset) {
                System.arraycopy(in, inOffset, out, outOffset, n);
            }
            return;
        }
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        if (format.signed()) {
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = (short) ((((in[inOffset + i] & 0xFFFF) >>> shift) << up) >> up);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = (short) (((in[inOffset + i] & 0xFFFF) >>> shift) & mask);
            }
        }
    }

    private void normalize(byte[] in, int inOffset, short[] out, int outOffset, int n) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        for (int i = 0; i < n; i++) {
            int raw = (in[inOffset + i] & 0xFF) >>> shift;
            out[outOffset + i] = (short) (format.signed() ? (raw << up) >> up : raw & mask);
        }
    }

    private void normalize(int[] in, short[] out, int outOffset, int n) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        for (int i = 0; i < n; i++) {
            int raw = in[i] >>> shift;
            out[outOffset + i] = (short) (format.signed() ? (raw << up) >> up : raw & mask);
        }
    }

    private Frame colourFrame(int index) throws DicomReadException {
        if (compressed == null) {
            return Frame.rgb(format.columns(), format.rows(), colour(bytes, (int) (index * format.bytesPerFrame())));
        }
        Raster raster = decompress(index);
        int columns = format.columns(), rows = format.rows();
        int[] px = raster.getPixels(0, 0, columns, rows, (int[]) null);
        boolean convert = format.photometric().startsWith("YBR") && !rgbFromDecompressor();
        int[] rgb = new int[columns * rows];
        for (int i = 0, p = 0; i < rgb.length; i++, p += 3) {
            int a = px[p] & 0xFF, b = px[p + 1] & 0xFF, c = px[p + 2] & 0xFF;
            rgb[i] = convert ? YbrToRgb.full(a, b, c) : (a << 16) | (b << 8) | c;
        }
        return Frame.rgb(columns, rows, rgb);
    }

    /** Packs one uncompressed colour frame, converting YCbCr the way DCMTK shows it. */
    private int[] colour(byte[] in, int offset) {
        int n = format.pixelsPerFrame();
        int[] rgb = new int[n];
        String pi = format.photometric();
        if (pi.equals("YBR_FULL_422")) {
            for (int i = 0, p = offset; i + 1 < n; i += 2, p += 4) {
                int cb = in[p + 2] & 0xFF, cr = in[p + 3] & 0xFF;
                rgb[i] = YbrToRgb.full422(in[p] & 0xFF, cb, cr);
                rgb[i + 1] = YbrToRgb.full422(in[p + 1] & 0xFF, cb, cr);
            }
            return rgb;
        }
        boolean planar = format.planarConfiguration() == 1;
        boolean ybr = pi.equals("YBR_FULL");
        for (int i = 0; i < n; i++) {
            int a, b, c;
            if (planar) {
                a = in[offset + i] & 0xFF;
                b = in[offset + n + i] & 0xFF;
                c = in[offset + 2 * n + i] & 0xFF;
            } else {
                int p = offset + 3 * i;
                a = in[p] & 0xFF;
                b = in[p + 1] & 0xFF;
                c = in[p + 2] & 0xFF;
            }
            rgb[i] = ybr ? YbrToRgb.full(a, b, c) : (a << 16) | (b << 8) | c;
        }
        return rgb;
    }

    private synchronized boolean rgbFromDecompressor() {
        return decompressor.getColorSpaceConvertedToRGBDuringDecompression();
    }

    /** One frame decompressed by PixelMed, checked against the header's size and samples. */
    private synchronized Raster decompress(int index) throws DicomReadException {
        BufferedImage image;
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            if (decompressor == null) {
                ColorSpace space = ColorSpace.getInstance(format.colour() ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
                decompressor = new CompressedFrameDecoder(transferSyntaxUid, compressed, format.bitsAllocated() / 8,
                        format.columns(), format.rows(), format.samplesPerPixel(), space);
            }
            image = decompressor.getDecompressedFrameAsBufferedImage(index);
        } catch (DicomException | IOException | RuntimeException e) {
            throw new DicomReadException(file, "frame " + (index + 1) + " cannot be decompressed from "
                    + TransferSyntaxSupport.describe(transferSyntaxUid) + " (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DicomReadException(file, "frame " + (index + 1) + " is missing from the compressed pixel data");
        }
        Raster raster = image.getRaster();
        int columns = format.columns(), rows = format.rows();
        if (raster.getWidth() < columns || raster.getHeight() < rows
                || raster.getNumBands() != format.samplesPerPixel()) {
            throw new DicomReadException(file, "frame " + (index + 1) + " decompressed to " + raster.getWidth() + "x"
                    + raster.getHeight() + " with " + raster.getNumBands() + " samples, the header says "
                    + columns + "x" + rows + " with " + format.samplesPerPixel());
        }
        return raster;
    }
}
