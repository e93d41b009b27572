package org.fovea.dicom.demo;

import org.fovea.dicom.Uids;

/**
 * The three demo studies of {@link DemoPatient}. Their UIDs are fixed (2.25 UUID-derived, per
 * study and size), so {@link DemoStudies#ensure} recognises them in any archive and a run after
 * a cancelled one completes the same studies instead of starting new ones.
 */
public enum DemoStudy {
    /** Today's chest CT, 512x512x300 at 1 mm by default, nodules 6/10/20 mm. */
    CURRENT_CT("FVDEMO0001", "胸部CT平扫", "胸部平扫 1mm", "093015", 0),
    /** The same patient's chest CT one year earlier, 150 slices at 2 mm, nodules 5/8/16 mm. */
    PRIOR_CT("FVDEMO0002", "胸部CT平扫", "胸部平扫 2mm", "101200", 1),
    /** Today's PA chest radiograph (DX, MONOCHROME1). */
    CHEST_DR("FVDEMO0003", "胸部正位", "胸部正位 PA", "084500", 0);

    private final String accession;
    private final String studyDescription;
    private final String seriesDescription;
    private final String studyTime;
    private final int yearsAgo;

    DemoStudy(String accession, String studyDescription, String seriesDescription, String studyTime, int yearsAgo) {
        this.accession = accession;
        this.studyDescription = studyDescription;
        this.seriesDescription = seriesDescription;
        this.studyTime = studyTime;
        this.yearsAgo = yearsAgo;
    }

    public String accession() {
        return accession;
    }

    public String studyDescription() {
        return studyDescription;
    }

    public String seriesDescription() {
        return seriesDescription;
    }

    public String studyTime() {
        return studyTime;
    }

    /** Study date relative to the day of generation. */
    public int yearsAgo() {
        return yearsAgo;
    }

    public String studyUid(DemoSize size) {
        return uid(size, "study");
    }

    public String seriesUid(DemoSize size) {
        return uid(size, "series");
    }

    /** The current CT's scout series (only {@link #CURRENT_CT} has one). */
    public String localizerSeriesUid(DemoSize size) {
        return uid(size, "localizer-series");
    }

    String localizerInstanceUid(DemoSize size) {
        return uid(size, "localizer-instance");
    }

    String frameOfReferenceUid(DemoSize size) {
        return uid(size, "frame-of-reference");
    }

    String instanceUid(DemoSize size, int instanceNumber) {
        return uid(size, "instance/" + instanceNumber);
    }

    /** Fixed per demo size, so generating the demo twice gives the same study. */
    private String uid(DemoSize size, String what) {
        return Uids.fromName("fovea-demo/" + size.key() + "/" + name() + "/" + what);
    }
}
