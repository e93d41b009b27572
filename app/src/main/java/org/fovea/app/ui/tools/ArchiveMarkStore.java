package org.fovea.app.ui.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.view.MarkLabels;
import org.fovea.dicom.marks.PresentationStates;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;

/**
 * The viewer's marks kept in the local archive as DICOM objects of the study (see
 * {@code org.fovea.dicom.marks.MarkArchive}, which measures each mark on its own image when it
 * saves, so the report carries its values); the presentation state gets a copy of them as the
 * English text the viewer would show.
 */
public final class ArchiveMarkStore implements MarkStore {

    private final ArchiveService archive;
    private final ResourceBundle english;

    /** @param english the bundle the values' text copy is written in */
    public ArchiveMarkStore(ArchiveService archive, ResourceBundle english) {
        this.archive = archive;
        this.english = english;
    }

    @Override
    public CompletableFuture<Loaded> load(String studyUid) {
        return archive.marks(studyUid).thenApply(l -> new Loaded(l.ours(), l.others(), l.keyImages(), l.notShown()));
    }

    @Override
    public CompletableFuture<Void> save(String studyUid, List<Annotation> ours, Map<ImageRef, String> keyImages,
                                        Map<ImageRef, Display> displays) {
        Map<ImageRef, PresentationStates.Display> shown = new LinkedHashMap<>();
        displays.forEach((image, d) -> shown.put(image,
                new PresentationStates.Display(d.windowCenter(), d.windowWidth(), d.zoom(), d.inverted())));
        return archive.saveMarks(studyUid, List.copyOf(ours), m -> MarkLabels.summary(m, english), keyImages, shown);
    }
}
