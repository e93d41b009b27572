package org.fovea.render.volume.segment;

import org.fovea.render.volume.Volume;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One bit per voxel of a volume: the voxels a segmentation picked (for example the ones bone
 * removal hides). Voxel (i, j, k) is bit {@code (k * rows + j) * columns + i}, the volume's own
 * order without its array offset. A 512x512x300 CT needs under 10 MB.
 */
public final class VoxelMask {

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int columns;
    private final int rows;
    private final int slices;
    private final long[] words;

    public VoxelMask(int columns, int rows, int slices) {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("mask size " + columns + "x" + rows + "x" + slices);
        }
        long n = (long) columns * rows * slices;
        if (n > Integer.MAX_VALUE) {
            // a Volume is one short[], so it never has more voxels than this either
            throw new IllegalArgumentException("mask of " + n + " voxels");
        }
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
        this.words = new long[(int) ((n + 63) >>> 6)];
    }

    /** An empty mask the size of a volume. */
    public static VoxelMask sizedFor(Volume v) {
        return new VoxelMask(v.columns(), v.rows(), v.slices());
    }

    public int columns() { return columns; }

    public int rows() { return rows; }

    public int slices() { return slices; }

    /** Whether the mask has the volume's dimensions. */
    public boolean fits(Volume v) {
        return v.columns() == columns && v.rows() == rows && v.slices() == slices;
    }

    /** Voxel count. */
    public int size() {
        return columns * rows * slices;
    }

    /** The bit number of voxel (i, j, k). */
    public int index(int i, int j, int k) {
        return (k * rows + j) * columns + i;
    }

    public boolean get(int i, int j, int k) {
        return get(index(i, j, k));
    }

    public void set(int i, int j, int k) {
        set(index(i, j, k));
    }

    public void clear(int i, int j, int k) {
        int index = index(i, j, k);
        words[index >>> 6] &= ~(1L << index);
    }

    public boolean get(int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    public void set(int index) {
        words[index >>> 6] |= 1L << index;
    }

    /**
     * Sets a bit when other threads set bits of other slices at the same time: neighbouring
     * slices share a word unless a slice is a multiple of 64 voxels.
     */
    void setConcurrently(int index) {
        WORDS.getAndBitwiseOr(words, index >>> 6, 1L << index);
    }

    /** Number of voxels set. */
    public int count() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Adds every voxel of {@code other} to this mask. */
    public VoxelMask or(VoxelMask other) {
        requireSameSize(other);
        for (int w = 0; w < words.length; w++) {
            words[w] |= other.words[w];
        }
        return this;
    }

    /** Removes every voxel of {@code other} from this mask. */
    public VoxelMask andNot(VoxelMask other) {
        requireSameSize(other);
        for (int w = 0; w < words.length; w++) {
            words[w] &= ~other.words[w];
        }
        return this;
    }

    /** The next set voxel at or after {@code from}, or -1. */
    public int nextSet(int from) {
        int size = size();
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (word == 0) {
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
        int index = (w << 6) + Long.numberOfTrailingZeros(word);
        return index < size ? index : -1;
    }

    private void requireSameSize(VoxelMask other) {
        if (other.columns != columns || other.rows != rows || other.slices != slices) {
            throw new IllegalArgumentException("masks differ in size: " + columns + "x" + rows + "x" + slices + " and "
                    + other.columns + "x" + other.rows + "x" + other.slices);
        }
    }
}
