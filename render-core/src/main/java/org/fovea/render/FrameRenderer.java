package org.fovea.render;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * The display pipeline: the single path from a decoded {@link Frame} to opaque ARGB pixels,
 * used by the viewer, the headless snapshot command and the tests.
 *
 * <p>Grayscale (PS3.3 C.11): stored value → modality LUT (rescale, or table clamped at its
 * ends) → VOI (window LINEAR, LINEAR_EXACT, SIGMOID, or VOI LUT table) → presentation
 * (MONOCHROME1 shows the minimum as white; the user's invert flips that again) → 8-bit gray.
 * Palette colour: index → palette, indices outside the table take its first or last entry,
 * entries wider than 8 bits are shown by their high byte. RGB: passed through.
 *
 * <p>Every stored value of a frame maps to one ARGB value, so the whole pipeline is evaluated
 * once per distinct stored value into a lookup table over the frame's [min..max] stored range
 * and the per-pixel work is a single table load. The table is kept while the settings stay the
 * same and grows to cover new ranges, so scrolling a stack does not rebuild it. An instance is
 * not thread-safe: use one per viewport or per thread.
 */
public final class FrameRenderer {

    private static final int OPAQUE = 0xFF000000;

    /**
     * Frames at least this large are split in two halves, one on a helper thread: on the
     * two-core build machine a 512 x 512 frame took 143-151 µs split against 199-259 µs in one
     * thread (same JMH runs, machine busy with other builds). Smaller frames are not worth the
     * hand-over.
     */
    private static final int SPLIT_PIXELS = 1 << 16;

    /**
     * One daemon helper shared by all renderers. The caller runs the helper's half itself when
     * the helper has not started it yet, so a busy helper never makes a render wait.
     */
    private static final ExecutorService HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fovea-render-helper");
                t.setDaemon(true);
                return t;
            });

    /** What a lookup table depends on besides the stored-value range. */
    private record LutKey(Frame.Kind kind, ModalityLut modalityLut, Voi voi, PaletteLut palette, boolean inverted) {
    }

    private int[] unfiltered;
    private LutKey cachedKey;
    private int cachedLow;
    private int cachedHigh;
    private int[] cachedTable;

    /**
     * Renders {@code frame} into {@code argbOut} as opaque {@code 0xFFRRGGBB}, row-major,
     * {@code columns * rows} pixels.
     *
     * @param voi    the VOI to apply to a grayscale frame; {@code null} means the header's first
     *               VOI, or when the header has none the min–max window of {@link #minMaxWindow}
     *               (ignored for colour frames)
     * @param invert the user's invert (reverses MONOCHROME1 too, and inverts colour frames)
     */
    public void render(Frame frame, PixelInfo info, Voi voi, boolean invert, int[] argbOut) {
        Objects.requireNonNull(info, "info");
        int n = frame.columns() * frame.rows();
        if (argbOut.length < n) {
            throw new IllegalArgumentException("output holds " + argbOut.length + " pixels, frame has " + n);
        }
        if (frame.kind() == Frame.Kind.RGB) {
            renderRgb(frame.rgbPixels(), n, invert, argbOut);
            return;
        }
        LutKey key = frame.kind() == Frame.Kind.GRAYSCALE
                ? new LutKey(Frame.Kind.GRAYSCALE, info.modalityLut(), effectiveVoi(frame, info, voi), null,
                             info.monochrome1() != invert)
                : new LutKey(Frame.Kind.PALETTE, null, null, frame.palette(), invert);
        int[] table = table(key, frame.minStoredValue(), frame.maxStoredValue());
        applyTable(frame.values(), frame.offset(), n, frame.signed(), table, cachedLow, argbOut);
    }

    /**
     * {@link #render(Frame, PixelInfo, Voi, boolean, int[])} followed by a display filter on the
     * rendered picture; the frame is only read, so measurements are not affected. The unfiltered
     * picture goes to a buffer this renderer keeps, so a stack scrolls without allocating.
     *
     * @param filter {@code null} or {@link DisplayFilter#NONE} for none
     */
    public void render(Frame frame, PixelInfo info, Voi voi, boolean invert, DisplayFilter filter, int[] argbOut) {
        if (filter == null || filter == DisplayFilter.NONE) {
            render(frame, info, voi, invert, argbOut);
            return;
        }
        int n = frame.columns() * frame.rows();
        if (unfiltered == null || unfiltered.length < n) {
            unfiltered = new int[n];
        }
        render(frame, info, voi, invert, unfiltered);
        filter.apply(unfiltered, frame.columns(), frame.rows(), argbOut);
    }

    /**
     * The displayed 8-bit gray level of every pixel of a grayscale frame, row-major; the same
     * pipeline as {@link #render}, for comparing with other renderers such as DCMTK.
     */
    public byte[] grayLevels(Frame frame, PixelInfo info, Voi voi, boolean invert) {
        if (frame.kind() != Frame.Kind.GRAYSCALE) {
            throw new IllegalArgumentException("gray levels of a " + frame.kind() + " frame");
        }
        int n = frame.columns() * frame.rows();
        int[] argb = new int[n];
        render(frame, info, voi, invert, argb);
        byte[] gray = new byte[n];
        for (int i = 0; i < n; i++) {
            gray[i] = (byte) argb[i];
        }
        return gray;
    }

    /**
     * The VOI that {@link #render} applies to a grayscale frame: {@code requested} when given,
     * else the header's first, else {@link #minMaxWindow}.
     */
    public static Voi effectiveVoi(Frame frame, PixelInfo info, Voi requested) {
        if (requested != null) return requested;
        if (!info.headerVois().isEmpty()) return info.headerVois().get(0);
        return minMaxWindow(frame, info.modalityLut());
    }

    /**
     * A LINEAR window spanning the smallest to the largest modality output value present in the
     * frame, as DCMTK computes it for {@code dcmj2pnm +Wm}: centre {@code (min + max + 1) / 2},
     * width {@code max - min + 1} (Supplement 33: centre 2^n-1 and width 2^n select 0..2^n-1).
     * DCMTK's default without any VOI option instead stretches the whole range that Bits Stored
     * could hold, which leaves a typical 12-bit CT a flat grey; a viewer wants the data's range.
     */
    public static WindowLevel minMaxWindow(Frame frame, ModalityLut modalityLut) {
        double lo;
        double hi;
        if (modalityLut instanceof Rescale) {
            double a = modalityLut.apply(frame.minStoredValue());
            double b = modalityLut.apply(frame.maxStoredValue());
            lo = Math.min(a, b);
            hi = Math.max(a, b);
        } else {
            // a table need not be monotonic: only the values present count
            int min = frame.minStoredValue();
            boolean[] present = new boolean[frame.maxStoredValue() - min + 1];
            short[] values = frame.values();
            int end = frame.offset() + frame.columns() * frame.rows();
            int mask = frame.signed() ? -1 : 0xFFFF;
            for (int i = frame.offset(); i < end; i++) {
                present[(values[i] & mask) - min] = true;
            }
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    double v = modalityLut.apply(min + i);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new WindowLevel(hi - lo + 1, (lo + hi + 1) / 2, VoiFunction.LINEAR, "Min-Max");
    }

    private int[] table(LutKey key, int low, int high) {
        if (key.equals(cachedKey) && low >= cachedLow && high <= cachedHigh) {
            return cachedTable;
        }
        if (key.equals(cachedKey)) {
            low = Math.min(low, cachedLow);
            high = Math.max(high, cachedHigh);
        }
        int[] table = key.kind() == Frame.Kind.GRAYSCALE
                ? grayscaleTable(key.modalityLut(), key.voi(), key.inverted(), low, high)
                : paletteTable(key.palette(), key.inverted(), low, high);
        cachedKey = key;
        cachedLow = low;
        cachedHigh = high;
        cachedTable = table;
        return table;
    }

    private static int[] grayscaleTable(ModalityLut modalityLut, Voi voi, boolean inverted, int low, int high) {
        GrayMapping mapping = GrayMapping.of(voi, inverted);
        int[] table = new int[high - low + 1];
        for (int i = 0; i < table.length; i++) {
            int g = mapping.gray(modalityLut.apply(low + i));
            table[i] = OPAQUE | g << 16 | g << 8 | g;
        }
        return table;
    }

    private static int[] paletteTable(PaletteLut palette, boolean invert, int low, int high) {
        int[] table = new int[high - low + 1];
        int last = palette.red().length - 1;
        int shift = Math.max(0, palette.bitsPerEntry() - 8);
        int flip = invert ? 0x00FFFFFF : 0;
        for (int i = 0; i < table.length; i++) {
            int e = Math.max(0, Math.min(last, low + i - palette.firstMapped()));
            int r = palette.red()[e] >> shift & 0xFF;
            int g = palette.green()[e] >> shift & 0xFF;
            int b = palette.blue()[e] >> shift & 0xFF;
            table[i] = OPAQUE | (r << 16 | g << 8 | b) ^ flip;
        }
        return table;
    }

    private static void applyTable(short[] values, int offset, int n, boolean signed, int[] table, int low, int[] out) {
        if (HELPER == null || n < SPLIT_PIXELS) {
            applyTable(values, offset, 0, n, signed, table, low, out);
            return;
        }
        int half = n / 2;
        FutureTask<Void> secondHalf = new FutureTask<>(
                () -> applyTable(values, offset, half, n, signed, table, low, out), null);
        HELPER.execute(secondHalf);
        applyTable(values, offset, 0, half, signed, table, low, out);
        secondHalf.run();
        try {
            secondHalf.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering failed", e.getCause());
        }
    }

    /** The per-pixel step: one load, one table lookup, one store; pixels {@code from..to} of the frame. */
    private static void applyTable(short[] values, int offset, int from, int to, boolean signed, int[] table, int low,
                                   int[] out) {
        if (signed) {
            for (int i = from; i < to; i++) {
                out[i] = table[values[offset + i] - low];
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = table[(values[offset + i] & 0xFFFF) - low];
            }
        }
    }

    private static void renderRgb(int[] rgb, int n, boolean invert, int[] out) {
        int flip = invert ? 0x00FFFFFF : 0;
        for (int i = 0; i < n; i++) {
            out[i] = OPAQUE | (rgb[i] ^ flip);
        }
    }
}
