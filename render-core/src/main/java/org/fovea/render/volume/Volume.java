package org.fovea.render.volume;

import org.fovea.render.PixelInfo;

import java.util.Objects;

/**
 * A volume of grayscale stored values, as decoded (the same values a 2D frame holds), with the
 * geometry that puts each voxel in the patient and the pixel info (modality LUT: HU for CT) that
 * turns stored values into modality values.
 *
 * <p>The voxels are one array, x fastest: voxel (i, j, k) is {@code values[offset + (k * rows + j)
 * * columns + i]}; slice k is source image k in stack order. The array is usually the series' own
 * array from 2D loading, shared rather than copied (a 512x512x1000 CT is 500 MB): never modify it.
 */
public final class Volume {

    private final int columns;
    private final int rows;
    private final int slices;
    private final short[] values;
    private final int offset;
    private final boolean signed;
    private final PixelInfo pixelInfo;
    private final VolumeGeometry geometry;
    /** Smallest stored value, found on first use; a racing second scan finds the same value. */
    private volatile boolean minFound;
    private int min;

    public Volume(int columns, int rows, int slices, short[] values, int offset, boolean signed, PixelInfo pixelInfo,
                  VolumeGeometry geometry) {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("volume size " + columns + "x" + rows + "x" + slices);
        }
        long n = (long) columns * rows * slices;
        if (offset < 0 || values.length - (long) offset < n) {
            throw new IllegalArgumentException("expected " + n + " values from offset " + offset + ", the array holds "
                    + values.length);
        }
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
        this.values = values;
        this.offset = offset;
        this.signed = signed;
        this.pixelInfo = Objects.requireNonNull(pixelInfo);
        this.geometry = Objects.requireNonNull(geometry);
    }

    /** Voxels along i (a source image's columns). */
    public int columns() { return columns; }

    /** Voxels along j (a source image's rows). */
    public int rows() { return rows; }

    /** Voxels along k (source images). */
    public int slices() { return slices; }

    /** The backing stored values; shared, do not modify. */
    public short[] values() { return values; }

    /** Where voxel (0, 0, 0) is in {@link #values()}. */
    public int offset() { return offset; }

    /** Whether stored values are two's complement (else unsigned 16-bit). */
    public boolean signed() { return signed; }

    public PixelInfo pixelInfo() { return pixelInfo; }

    public VolumeGeometry geometry() { return geometry; }

    /** The stored value of voxel (i, j, k), sign-aware; indices must be inside the volume. */
    public int stored(int i, int j, int k) {
        short s = values[offset + (k * rows + j) * columns + i];
        return signed ? s : (s & 0xFFFF);
    }

    /** The modality value (HU for CT) of voxel (i, j, k). */
    public double modalityValue(int i, int j, int k) {
        return pixelInfo.modalityLut().apply(stored(i, j, k));
    }

    /**
     * The smallest stored value in the volume (air for CT), sign-aware: what reformats show
     * outside the volume. Scanned once, on first use.
     */
    public int minStoredValue() {
        if (!minFound) {
            int lo = Integer.MAX_VALUE;
            int end = offset + (int) voxelCount();
            int mask = signed ? -1 : 0xFFFF;
            for (int p = offset; p < end; p++) {
                int v = values[p] & mask;
                if (v < lo) lo = v;
            }
            min = lo;
            minFound = true;
        }
        return min;
    }

    /** Voxel count. */
    public long voxelCount() {
        return (long) columns * rows * slices;
    }
}
