package org.fovea.dicom.demo;

/**
 * How finely the demo studies are sampled. Sizes change the number of pixels, never the
 * anatomy in mm: the CT field of view and extent and the radiograph's field stay the same.
 */
public record DemoSize(CtGeometry current, CtGeometry prior, DrGeometry radiograph) {

    /** 512x512x300 at 1 mm, prior 150 slices at 2 mm, radiograph 2150x2150 at 0.2 mm. */
    public static final DemoSize STANDARD = new DemoSize(CtGeometry.CURRENT, CtGeometry.PRIOR, DrGeometry.STANDARD);

    /** For tests: 128x128x60 (4 mm pixels, 5 mm slices), prior 30 slices, radiograph 430x430. */
    public static final DemoSize SMALL = new DemoSize(new CtGeometry(128, 60), new CtGeometry(128, 30),
            new DrGeometry(430, 430));

    String key() {
        return current.matrix() + "x" + current.slices() + "-" + prior.matrix() + "x" + prior.slices() + "-"
                + radiograph.columns() + "x" + radiograph.rows();
    }
}
