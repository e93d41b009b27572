package org.fovea.app.ui.viewer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.fovea.app.view.PositionLink;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which viewports scroll together, and to where (V25). When linking is on, a viewport moved by
 * the user brings every other visible viewport whose slices are parallel to its own to the image
 * nearest the same patient position: at once for series of one study (one frame of reference);
 * for a prior, once the user aligned a slice pair (the offset is kept for that pair of series)
 * or when the hanging protocol links current and priors (at the same table position until the
 * user aligns them otherwise). FX thread.
 */
final class Linking {

    private final Supplier<List<Viewport>> visible;
    private final Supplier<Viewport> active;
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final BooleanProperty zoomAndPan = new SimpleBooleanProperty(false);
    private final BooleanProperty window = new SimpleBooleanProperty(false);
    /** Per pair of series "A|B" (A before B): location in B = direction * location in A + offset. */
    private final Map<String, Double> offsets = new HashMap<>();
    private boolean priorsLinked;
    private boolean following;
    /** When each viewport was last moved by the user (not following), in moves counted. */
    private final Map<Viewport, Long> ledAt = new HashMap<>();
    private long moves;

    Linking(Supplier<List<Viewport>> visible, Supplier<Viewport> active) {
        this.visible = visible;
        this.active = active;
    }

    /** Lets a viewport lead and follow; its first image arriving is {@link #arrived}'s to hear. */
    void install(Viewport v) {
        v.setOnMoved(i -> moved(v));
        v.setOnViewChanged(() -> follow(v, zoomAndPan, Viewport::followView),
                () -> follow(v, window, Viewport::followWindow));
    }

    BooleanProperty enabledProperty() { return enabled; }

    /** Linked viewports take the zoom and pan of the one the user zooms or pans, too. */
    BooleanProperty zoomAndPanProperty() { return zoomAndPan; }

    /** Linked viewports take the window of the one the user changes it in, too. */
    BooleanProperty windowProperty() { return window; }

    private void follow(Viewport leader, BooleanProperty on, java.util.function.BiConsumer<Viewport, Viewport> take) {
        if (!on.get() || following) {
            return;
        }
        following = true;
        try {
            for (Viewport w : visible.get()) {
                if (linked(leader, w)) {
                    take.accept(w, leader);
                }
            }
        } finally {
            following = false;
        }
    }

    /** Shift+L: linking on or off; turned on, the others come to the active viewport at once. */
    void toggle() {
        enabled.set(!enabled.get());
        if (enabled.get() && active.get() != null) {
            moved(active.get());
        }
    }

    /** A new study: no aligned pairs, priors unlinked until its protocol says otherwise. */
    void reset() {
        offsets.clear();
        priorsLinked = false;
    }

    /** The hanging protocol's "linked": current and priors follow each other by table position. */
    void setPriorsLinked(boolean linked) {
        priorsLinked = linked;
        if (linked && active.get() != null) {
            moved(active.get());
        }
    }

    /**
     * Alt+L: the slices now shown in the other visible viewports of other studies are the ones
     * that belong with the active viewport's; from now on they keep that distance, and link.
     */
    void alignHere() {
        Viewport leader = active.get();
        if (leader == null || leader.stack() == null) {
            return;
        }
        double location = leader.stack().location(leader.index());
        // a series shown twice (lung and mediastinal windows) counts where the user last put it
        Map<String, Viewport> bySeries = new HashMap<>();
        for (Viewport w : visible.get()) {
            if (w.stack() != null) {
                bySeries.merge(series(w.stack()), w, (x, y) -> ledAt.getOrDefault(y, 0L) > ledAt.getOrDefault(x, 0L) ? y : x);
            }
        }
        for (Viewport w : bySeries.values()) {
            int direction = w == leader || w.stack() == null ? 0
                    : PositionLink.direction(PositionLink.normal(leader.stack()), PositionLink.normal(w.stack()));
            double there = direction == 0 ? Double.NaN : w.stack().location(w.index());
            if (Double.isNaN(location) || Double.isNaN(there) || sameStudy(leader.stack(), w.stack())) {
                continue;
            }
            String a = series(leader.stack());
            String b = series(w.stack());
            // stored in the pair's own order: for (b, a) the offset seen from b is -direction * offset
            double offset = PositionLink.offset(location, direction, there);
            offsets.put(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, a.compareTo(b) < 0 ? offset : -direction * offset);
        }
        enabled.set(true);
        moved(leader);
    }

    /** Whether {@code follower} follows {@code leader} now. */
    boolean linked(Viewport leader, Viewport follower) {
        if (!enabled.get() || leader == follower || leader.stack() == null || follower.stack() == null) {
            return false;
        }
        if (PositionLink.direction(PositionLink.normal(leader.stack()), PositionLink.normal(follower.stack())) == 0) {
            return false;
        }
        return sameStudy(leader.stack(), follower.stack()) || priorsLinked
                || offsets.containsKey(key(series(leader.stack()), series(follower.stack())));
    }

    private void moved(Viewport leader) {
        if (following) {
            return;
        }
        ledAt.put(leader, ++moves);
        following = true;
        try {
            for (Viewport w : visible.get()) {
                if (linked(leader, w)) {
                    follow(leader, w);
                }
            }
        } finally {
            following = false;
        }
    }

    /** A viewport's first image arrived: now its geometry is known, it joins the active one. */
    void arrived(Viewport v) {
        Viewport leader = active.get();
        if (leader == v) {
            moved(v);
        } else if (leader != null && linked(leader, v) && !following) {
            following = true;
            try {
                follow(leader, v);
            } finally {
                following = false;
            }
        }
    }

    private void follow(Viewport leader, Viewport w) {
        double location = leader.stack().location(leader.index());
        if (Double.isNaN(location)) {
            return;
        }
        int direction = PositionLink.direction(PositionLink.normal(leader.stack()), PositionLink.normal(w.stack()));
        int i = PositionLink.nearest(w.stack(), PositionLink.target(location, direction, offset(leader.stack(), w.stack(), direction)));
        if (i >= 0 && i != w.index()) {
            w.moveTo(i);
        }
    }

    /** The offset from leader to follower, along the follower's normal; 0 for a pair never aligned. */
    private double offset(SeriesStack leader, SeriesStack follower, int direction) {
        String a = series(leader);
        String b = series(follower);
        Double stored = offsets.get(key(a, b));
        if (stored == null) {
            return 0;
        }
        return a.compareTo(b) < 0 ? stored : -direction * stored;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static String series(SeriesStack s) {
        Slice any = s.anySlice();
        return any == null ? "" : any.header().seriesInstanceUid();
    }

    private static boolean sameStudy(SeriesStack a, SeriesStack b) {
        return PositionLink.sameFrame(a.anySlice(), b.anySlice());
    }
}
