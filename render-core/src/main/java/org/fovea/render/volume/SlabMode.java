package org.fovea.render.volume;

/** How the samples of a thick slab combine into one pixel. */
public enum SlabMode {
    /** Maximum intensity projection: contrast-filled vessels, bone, nodules. */
    MIP,
    /** Minimum intensity projection: airways, emphysema. */
    MINIP,
    /** Mean of the samples: a thicker, less noisy slice. */
    AVERAGE
}
