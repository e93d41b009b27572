package org.fovea.render;

import java.util.Objects;

/**
 * One decoded image frame as stored: raw stored values (after masking to Bits Stored and sign
 * extension), not yet mapped for display. Grayscale and palette frames keep their values in a
 * {@code short[]} read as signed or unsigned according to {@link #signed()}; colour frames keep
 * packed {@code 0x00RRGGBB} ints (YBR is converted to RGB by the decoder).
 *
 * <p>A grayscale or palette frame may be a view of a segment of a larger array, starting at
 * {@link #offset()}: a series decoded into one array for all its slices leaves the garbage
 * collector one large object to keep instead of hundreds of frame-sized ones to copy.
 */
public final class Frame {

    /** How the samples of this frame are to be interpreted. */
    public enum Kind { GRAYSCALE, RGB, PALETTE }

    private final Kind kind;
    private final int columns;
    private final int rows;
    private final short[] values;
    private final int offset;
    private final int[] rgb;
    private final boolean signed;
    private final int bitsStored;
    private final PaletteLut palette;
    private int min = Integer.MAX_VALUE;
    private int max = Integer.MIN_VALUE;

    private Frame(Kind kind, int columns, int rows, short[] values, int offset, int[] rgb, boolean signed,
                  int bitsStored, PaletteLut palette) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("frame size " + columns + "x" + rows);
        }
        int n = columns * rows;
        if (values != null && (offset < 0 || values.length - offset < n)) {
            throw new IllegalArgumentException("expected " + n + " values from offset " + offset + ", the array holds "
                    + values.length);
        }
        if (rgb != null && rgb.length < n) {
            throw new IllegalArgumentException("expected " + n + " rgb values, got " + rgb.length);
        }
        this.kind = kind;
        this.columns = columns;
        this.rows = rows;
        this.values = values;
        this.offset = offset;
        this.rgb = rgb;
        this.signed = signed;
        this.bitsStored = bitsStored;
        this.palette = palette;
    }

    /** Grayscale stored values; {@code bitsStored} at most 16. */
    public static Frame grayscale(int columns, int rows, short[] values, boolean signed, int bitsStored) {
        return grayscale(columns, rows, values, 0, signed, bitsStored);
    }

    /** Grayscale stored values held in {@code values} from {@code offset}, row-major. */
    public static Frame grayscale(int columns, int rows, short[] values, int offset, boolean signed, int bitsStored) {
        return new Frame(Kind.GRAYSCALE, columns, rows, Objects.requireNonNull(values), offset, null, signed,
                bitsStored, null);
    }

    /** Colour pixels packed as {@code 0x00RRGGBB}. */
    public static Frame rgb(int columns, int rows, int[] rgb) {
        return new Frame(Kind.RGB, columns, rows, null, 0, Objects.requireNonNull(rgb), false, 8, null);
    }

    /** Palette-colour indices and the palette that maps them to RGB. */
    public static Frame palette(int columns, int rows, short[] indices, boolean signed, int bitsStored, PaletteLut palette) {
        return palette(columns, rows, indices, 0, signed, bitsStored, palette);
    }

    /** Palette-colour indices held in {@code indices} from {@code offset}, and their palette. */
    public static Frame palette(int columns, int rows, short[] indices, int offset, boolean signed, int bitsStored,
                                PaletteLut palette) {
        return new Frame(Kind.PALETTE, columns, rows, Objects.requireNonNull(indices), offset, null, signed, bitsStored,
                Objects.requireNonNull(palette));
    }

    public Kind kind() { return kind; }
    public int columns() { return columns; }
    public int rows() { return rows; }
    public boolean signed() { return signed; }
    public int bitsStored() { return bitsStored; }
    public PaletteLut palette() { return palette; }

    /**
     * The backing stored values (grayscale and palette frames), this frame's from {@link #offset()}
     * on, row-major; the array may hold other frames too. Shared, do not modify.
     */
    public short[] values() { return values; }

    /** Where this frame's first stored value is in {@link #values()}; 0 for colour frames. */
    public int offset() { return offset; }

    /** The backing packed RGB pixels (colour frames); shared, do not modify. */
    public int[] rgbPixels() { return rgb; }

    /** The stored value at column x, row y, sign-aware (grayscale and palette frames). */
    public int storedValue(int x, int y) {
        short s = values[offset + y * columns + x];
        return signed ? s : (s & 0xFFFF);
    }

    /** Smallest stored value in the frame (grayscale and palette), computed once. */
    public int minStoredValue() { scanRange(); return min; }

    /** Largest stored value in the frame (grayscale and palette), computed once. */
    public int maxStoredValue() { scanRange(); return max; }

    private void scanRange() {
        if (min <= max || values == null) {
            return;
        }
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        int end = offset + columns * rows;
        if (signed) {
            for (int i = offset; i < end; i++) { int v = values[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
        } else {
            for (int i = offset; i < end; i++) { int v = values[i] & 0xFFFF; if (v < lo) lo = v; if (v > hi) hi = v; }
        }
        min = lo;
        max = hi;
    }
}
