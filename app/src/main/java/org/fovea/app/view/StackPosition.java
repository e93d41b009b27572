package org.fovea.app.view;

/** Where a viewport is in its image stack: an index always clamped into [0, count). */
public final class StackPosition {

    /** Slices a PgUp/PgDn jumps, as on most PACS. */
    public static final int PAGE = 10;

    private int count;
    private int index;

    public StackPosition(int count) {
        this.count = Math.max(0, count);
    }

    public int index() { return index; }

    public int count() { return count; }

    /** Moves by delta images, stopping at the ends; true when the index changed. */
    public boolean moveBy(int delta) {
        return moveTo(index + delta);
    }

    /** Moves to an index, clamped; true when the index changed. */
    public boolean moveTo(int target) {
        int clamped = count == 0 ? 0 : Math.max(0, Math.min(count - 1, target));
        boolean changed = clamped != index;
        index = clamped;
        return changed;
    }

    public boolean first() { return moveTo(0); }

    public boolean last() { return moveTo(count - 1); }
}
