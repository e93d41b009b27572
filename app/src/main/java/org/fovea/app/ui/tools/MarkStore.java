package org.fovea.app.ui.tools;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;

/**
 * Where a study's marks are kept between sessions: read when the study is opened, written after
 * the radiologist changes them. Both run off the FX thread; the futures complete on it.
 */
public interface MarkStore {

    /** How an image was displayed when its marks were saved (kept with the annotations). */
    record Display(double windowCenter, double windowWidth, double zoom, boolean inverted) {
    }

    /**
     * What a study holds: our own marks (editable), marks from others' objects (read-only, each
     * with where it came from), key images with their notes, and what could not be shown, with why.
     */
    record Loaded(List<Annotation> ours, Map<Annotation, String> others, Map<ImageRef, String> keyImages,
                  List<String> notShown) {
        public static Loaded empty() {
            return new Loaded(List.of(), Map.of(), Map.of(), List.of());
        }
    }

    CompletableFuture<Loaded> load(String studyUid);

    /** Replaces our own marks and key images of the study with these. */
    CompletableFuture<Void> save(String studyUid, List<Annotation> ours, Map<ImageRef, String> keyImages,
                                 Map<ImageRef, Display> displays);

    /** Keeps nothing: the viewer without an archive (tests, snapshots). */
    MarkStore NONE = new MarkStore() {
        @Override
        public CompletableFuture<Loaded> load(String studyUid) {
            return CompletableFuture.completedFuture(Loaded.empty());
        }

        @Override
        public CompletableFuture<Void> save(String studyUid, List<Annotation> ours, Map<ImageRef, String> keyImages,
                                            Map<ImageRef, Display> displays) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
