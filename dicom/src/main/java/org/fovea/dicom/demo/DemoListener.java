package org.fovea.dicom.demo;

/** Follows {@link DemoStudies#ensure}; may be called from worker threads. */
@FunctionalInterface
public interface DemoListener {

    enum Stage { GENERATING, IMPORTING }

    /** {@code done} of {@code total} files of one study have passed the stage. */
    void progress(DemoStudy study, Stage stage, int done, int total);

    static DemoListener none() {
        return (study, stage, done, total) -> { };
    }
}
