package org.fovea.render.volume;

import java.util.Objects;

/**
 * The thickness of a reformatted slice and how its samples combine. Samples lie along the
 * plane's normal, symmetric about the plane, one per voxel step; every sample within half the
 * thickness of the plane counts (see {@link Reslicer}). A thickness below one voxel step is a
 * thin slice, whatever the mode.
 */
public record Slab(double thicknessMm, SlabMode mode) {

    /** A thin slice: one sample on the plane. */
    public static final Slab NONE = new Slab(0, SlabMode.AVERAGE);

    public Slab {
        if (!(thicknessMm >= 0) || Double.isInfinite(thicknessMm)) {
            throw new IllegalArgumentException("slab thickness " + thicknessMm + " mm");
        }
        Objects.requireNonNull(mode, "mode");
    }

    public static Slab mip(double thicknessMm) { return new Slab(thicknessMm, SlabMode.MIP); }

    public static Slab minip(double thicknessMm) { return new Slab(thicknessMm, SlabMode.MINIP); }

    public static Slab average(double thicknessMm) { return new Slab(thicknessMm, SlabMode.AVERAGE); }
}
