package org.fovea.app.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fovea.render.measure.Annotation;

/**
 * The marks of the open study and of the studies shown beside it (measurements and annotations),
 * in the order they were drawn, with undo and redo of every change. Marks read from others' objects are kept read-only with
 * the reason. Belongs to the FX thread; listeners are told after every change.
 */
public final class MarkSet {

    /** One reversible change: the mark before (null when added) and after (null when removed). */
    private record Change(Annotation before, Annotation after) {
        Change inverse() {
            return new Change(after, before);
        }
    }

    private final Map<String, Annotation> marks = new LinkedHashMap<>();
    private final Map<String, String> readOnly = new LinkedHashMap<>();
    private final Deque<List<Change>> undo = new ArrayDeque<>();
    private final Deque<List<Change>> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int revision;

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Replaces everything with marks loaded from the archive: editable ones, and read-only ones
     * (from others' objects) with why they cannot be edited. Clears undo and redo.
     */
    public void load(List<Annotation> editable, Map<Annotation, String> notEditable) {
        marks.clear();
        readOnly.clear();
        editable.forEach(a -> marks.put(a.id(), a));
        notEditable.forEach((a, why) -> {
            marks.put(a.id(), a);
            readOnly.put(a.id(), why);
        });
        undo.clear();
        redo.clear();
        changed();
    }

    /**
     * Adds marks loaded from the archive for another study shown beside the open one (a prior),
     * keeping what is there and its undo history; a mark already there (by id) stays as it is.
     */
    public void merge(List<Annotation> editable, Map<Annotation, String> notEditable) {
        editable.forEach(a -> marks.putIfAbsent(a.id(), a));
        notEditable.forEach((a, why) -> {
            if (marks.putIfAbsent(a.id(), a) == null) {
                readOnly.put(a.id(), why);
            }
        });
        changed();
    }

    public List<Annotation> all() {
        return List.copyOf(marks.values());
    }

    /** The editable marks: what is saved as ours. */
    public List<Annotation> editable() {
        return marks.values().stream().filter(a -> !readOnly.containsKey(a.id())).toList();
    }

    /** The marks on one frame (1-based) of one image. */
    public List<Annotation> on(String sopInstanceUid, int frame) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : marks.values()) {
            if (a.image().sopInstanceUid().equals(sopInstanceUid) && a.image().frame() == frame) {
                out.add(a);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<Annotation> get(String id) {
        return Optional.ofNullable(marks.get(id));
    }

    /** Why a mark cannot be edited, when it cannot. */
    public Optional<String> readOnlyReason(String id) {
        return Optional.ofNullable(readOnly.get(id));
    }

    public void add(Annotation a) {
        if (marks.containsKey(a.id())) {
            throw new IllegalArgumentException("a mark " + a.id() + " is already there");
        }
        apply(List.of(new Change(null, a)));
    }

    /** Replaces an editable mark by its changed version (same id); read-only marks stay as they are. */
    public boolean replace(Annotation changed) {
        Annotation old = marks.get(changed.id());
        if (old == null || readOnly.containsKey(changed.id()) || old.equals(changed)) {
            return false;
        }
        apply(List.of(new Change(old, changed)));
        return true;
    }

    public boolean remove(String id) {
        Annotation old = marks.get(id);
        if (old == null || readOnly.containsKey(id)) {
            return false;
        }
        apply(List.of(new Change(old, null)));
        return true;
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public boolean canRedo() { return !redo.isEmpty(); }

    public boolean undo() {
        return step(undo, redo);
    }

    public boolean redo() {
        return step(redo, undo);
    }

    /** Goes up by one with every change, undo and redo included: what a saver compares. */
    public int revision() {
        return revision;
    }

    private boolean step(Deque<List<Change>> from, Deque<List<Change>> to) {
        List<Change> changes = from.pollFirst();
        if (changes == null) {
            return false;
        }
        List<Change> inverse = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            inverse.add(changes.get(i).inverse());
        }
        perform(inverse);
        to.addFirst(inverse);
        changed();
        return true;
    }

    private void apply(List<Change> changes) {
        perform(changes);
        undo.addFirst(changes);
        redo.clear();
        changed();
    }

    private void perform(List<Change> changes) {
        for (Change c : changes) {
            if (c.after() == null) {
                marks.remove(Objects.requireNonNull(c.before()).id());
            } else {
                marks.put(c.after().id(), c.after());
            }
        }
    }

    private void changed() {
        revision++;
        listeners.forEach(Runnable::run);
    }
}
