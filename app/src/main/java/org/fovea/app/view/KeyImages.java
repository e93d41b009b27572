package org.fovea.app.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fovea.render.measure.ImageRef;

/**
 * The key images of the open study and of the studies shown beside it (V32), each with an optional note, in the order they were
 * marked: what becomes the study's Key Object Selection document. FX thread.
 */
public final class KeyImages {

    private final Map<ImageRef, String> images = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int revision;

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void load(Map<ImageRef, String> loaded) {
        images.clear();
        images.putAll(loaded);
        changed();
    }

    /** Adds the key images of another study shown beside the open one; those already there keep their note. */
    public void merge(Map<ImageRef, String> loaded) {
        loaded.forEach(images::putIfAbsent);
        changed();
    }

    public boolean contains(ImageRef image) {
        return images.containsKey(image);
    }

    public Optional<String> note(ImageRef image) {
        return Optional.ofNullable(images.get(image));
    }

    /** Marks an image as key with a note (empty for none), or changes its note. */
    public void mark(ImageRef image, String note) {
        images.put(image, note == null ? "" : note.strip());
        changed();
    }

    public boolean unmark(ImageRef image) {
        if (images.remove(image) == null) {
            return false;
        }
        changed();
        return true;
    }

    public Map<ImageRef, String> all() {
        return Map.copyOf(images);
    }

    /** The key images in the order they were marked. */
    public List<ImageRef> ordered() {
        return List.copyOf(images.keySet());
    }

    public int revision() {
        return revision;
    }

    private void changed() {
        revision++;
        listeners.forEach(Runnable::run);
    }
}
