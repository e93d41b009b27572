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
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns the Pixel Data attribute PixelMed read into render-core frames of stored values.
 * Uncompressed data is only masked and sign-extended; encapsulated data is decompressed frame
 * by frame through PixelMed's {@link CompressedFrameDecoder} (ImageIO readers, PixelMed's own
 * RLE), on first request, so the first frame of a large multi-frame is ready without waiting
 * for the rest. Decoded frames are kept: a viewer asks for the same frame many times.
 */
final class PixelDecoder {
    private final Path file;
    private final String transferSyntaxUid;
    private final PixelFormat format;
    private final PaletteLut palette;
    private final AtomicReferenceArray<Frame> frames;
    /** Uncompressed 16-bit samples in native order; null otherwise. */
    private final short[] words;
    /** Uncompressed 8-bit samples; null otherwise. */
    private final byte[] bytes;
    private final ByteFrameSource compressed;
    private CompressedFrameDecoder decompressor;

    private PixelDecoder(Path file, String transferSyntaxUid, PixelFormat format, PaletteLut palette,
                         short[] words, byte[] bytes, ByteFrameSource compressed) {
        this.file = file;
        this.transferSyntaxUid = transferSyntaxUid;
        this.format = format;
        this.palette = palette;
        this.words = words;
        this.bytes = bytes;
        this.compressed = compressed;
        this.frames = new AtomicReferenceArray<>(format.frames());
    }

    /** Uncompressed 16-bit samples already read, in native order. */
    static PixelDecoder ofWords(Path file, String transferSyntaxUid, PixelFormat format, PaletteLut palette,
                                short[] words) {
        return new PixelDecoder(file, transferSyntaxUid, format, palette, words, null, null);
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
                return new PixelDecoder(file, transferSyntaxUid, format, palette, null, null, source);
            }
            long needed = format.bytesPerFrame() * format.frames();
            if (format.bitsAllocated() == 16) {
                short[] w = pixelData.getShortValues();
                if (w == null || 2L * w.length < needed) {
                    throw shortData(file, w == null ? 0 : 2L * w.length, needed);
                }
                return new PixelDecoder(file, transferSyntaxUid, format, palette, w, null, null);
            }
            // 8-bit samples read as OW (Implicit VR has no VR to say OB) keep the file's byte order,
            // which in every uncompressed syntax that uses OW for 8-bit data is little endian
            byte[] b = pixelData instanceof OtherWordAttribute ow ? ow.getByteValues(false) : pixelData.getByteValues();
            if (b == null || b.length < needed) {
                throw shortData(file, b == null ? 0 : b.length, needed);
            }
            return new PixelDecoder(file, transferSyntaxUid, format, palette, null, b, null);
        } catch (DicomException e) {
            throw new DicomReadException(file, "the pixel data cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static DicomReadException shortData(Path file, long have, long needed) {
        return new DicomReadException(file, "the pixel data is truncated (" + have + " bytes, the image needs " + needed + ")");
    }

    Frame frame(int index) throws DicomReadException {
        if (index < 0 || index >= format.frames()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + format.frames());
        }
        Frame f = frames.get(index);
        if (f == null) {
            f = compressed != null ? decompress(index) : unpack(index);
            frames.compareAndSet(index, null, f);
            f = frames.get(index);
        }
        return f;
    }

    private Frame unpack(int index) {
        int n = format.pixelsPerFrame();
        if (format.colour()) {
            return Frame.rgb(format.columns(), format.rows(), colour(bytes, (int) (index * format.bytesPerFrame())));
        }
        if (words != null && format.frames() == 1 && format.highBit() == format.bitsStored() - 1) {
            // a single frame owns PixelMed's array, so it is masked in place instead of copied
            // (a third of the decode time of a 512x512 CT); masking and sign extension are
            // idempotent when nothing is shifted, so two threads racing here agree
            if (format.bitsStored() < 16) {
                normalize(words, 0, words, n);
            }
            return gray(words);
        }
        short[] out = new short[n];
        if (words != null) {
            normalize(words, index * n, out, n);
        } else {
            normalize(bytes, index * n, out, n);
        }
        return gray(out);
    }

    private Frame gray(short[] values) {
        return palette != null
                ? Frame.palette(format.columns(), format.rows(), values, format.signed(), format.bitsStored(), palette)
                : Frame.grayscale(format.columns(), format.rows(), values, format.signed(), format.bitsStored());
    }

    /** Stored value = the Bits Stored bits ending at High Bit, sign-extended when Pixel Representation is 1. */
    private void normalize(short[] in, int offset, short[] out, int n) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        if (bitsStored == 16) {
            System.arraycopy(in, offset, out, 0, n);
            return;
        }
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        if (format.signed()) {
            for (int i = 0; i < n; i++) {
                out[i] = (short) ((((in[offset + i] & 0xFFFF) >>> shift) << up) >> up);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (short) (((in[offset + i] & 0xFFFF) >>> shift) & mask);
            }
        }
    }

    private void normalize(byte[] in, int offset, short[] out, int n) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        for (int i = 0; i < n; i++) {
            int raw = (in[offset + i] & 0xFF) >>> shift;
            out[i] = (short) (format.signed() ? (raw << up) >> up : raw & mask);
        }
    }

    private void normalize(int[] in, short[] out) {
        int bitsStored = format.bitsStored();
        int shift = format.highBit() + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int up = 32 - bitsStored;
        for (int i = 0; i < out.length; i++) {
            int raw = in[i] >>> shift;
            out[i] = (short) (format.signed() ? (raw << up) >> up : raw & mask);
        }
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

    private synchronized Frame decompress(int index) throws DicomReadException {
        BufferedImage image;
        try {
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
        if (!format.colour()) {
            int[] samples = raster.getSamples(0, 0, columns, rows, 0, (int[]) null);
            short[] out = new short[columns * rows];
            normalize(samples, out);
            return gray(out);
        }
        int[] px = raster.getPixels(0, 0, columns, rows, (int[]) null);
        boolean convert = format.photometric().startsWith("YBR")
                && !decompressor.getColorSpaceConvertedToRGBDuringDecompression();
        int[] rgb = new int[columns * rows];
        for (int i = 0, p = 0; i < rgb.length; i++, p += 3) {
            int a = px[p] & 0xFF, b = px[p + 1] & 0xFF, c = px[p + 2] & 0xFF;
            rgb[i] = convert ? YbrToRgb.full(a, b, c) : (a << 16) | (b << 8) | c;
        }
        return Frame.rgb(columns, rows, rgb);
    }
}
