package org.fovea.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.junit.jupiter.api.Test;

class MarkSetTest {

    private static final ImageRef ONE = new ImageRef("s", "c", "1.1", 1), TWO = new ImageRef("s", "c", "1.2", 1);

    private static Annotation line(String id, ImageRef image, double x) {
        return new Annotation(id, Kind.LENGTH, List.of(new ImagePoint(x, 0), new ImagePoint(x, 10)), "", image);
    }

    @Test
    void everyChangeUndoesAndRedoesInOrder() {
        MarkSet set = new MarkSet();
        AtomicInteger told = new AtomicInteger();
        set.addListener(told::incrementAndGet);
        set.add(line("a", ONE, 1));
        set.add(line("b", TWO, 2));
        set.replace(line("a", ONE, 5));
        set.remove("b");
        assertThat(set.all()).containsExactly(line("a", ONE, 5));
        assertThat(set.undo()).isTrue();                         // b back
        assertThat(set.on("1.2", 1)).containsExactly(line("b", TWO, 2));
        assertThat(set.undo()).isTrue();                         // a back where it was
        assertThat(set.get("a")).contains(line("a", ONE, 1));
        assertThat(set.redo()).isTrue();
        assertThat(set.get("a")).contains(line("a", ONE, 5));
        set.add(line("c", ONE, 3));                              // a new change drops the redo
        assertThat(set.canRedo()).isFalse();
        assertThat(told.get()).isEqualTo(8);
        while (set.undo()) {
            // back to the start
        }
        assertThat(set.all()).isEmpty();
    }

    @Test
    void marksFromOthersCannotBeChangedOrRemovedAndAreNotSavedAsOurs() {
        MarkSet set = new MarkSet();
        set.load(List.of(line("ours", ONE, 1)), Map.of(line("theirs", ONE, 2), "from another workstation's SR"));
        assertThat(set.on("1.1", 1)).hasSize(2);
        assertThat(set.remove("theirs")).isFalse();
        assertThat(set.replace(line("theirs", ONE, 9))).isFalse();
        assertThat(set.readOnlyReason("theirs")).contains("from another workstation's SR");
        assertThat(set.editable()).containsExactly(line("ours", ONE, 1));
        assertThat(set.canUndo()).isFalse();
    }

    @Test
    void aPriorsMarksJoinWithoutTakingTheUndoOrReplacingWhatIsThere() {
        MarkSet set = new MarkSet();
        set.add(line("drawn", ONE, 1));
        ImageRef prior = new ImageRef("prior", "c", "2.1", 1);
        set.merge(List.of(line("p1", prior, 4), line("drawn", prior, 9)), Map.of(line("p2", prior, 5), "another's"));
        assertThat(set.get("drawn")).contains(line("drawn", ONE, 1));
        assertThat(set.on("2.1", 1)).containsExactly(line("p1", prior, 4), line("p2", prior, 5));
        assertThat(set.readOnlyReason("p2")).contains("another's");
        assertThat(set.editable()).containsExactly(line("drawn", ONE, 1), line("p1", prior, 4));
        assertThat(set.undo()).as("the mark drawn before is still undone").isTrue();
        assertThat(set.get("drawn")).isEmpty();
        assertThat(set.undo()).as("the prior's marks are not undone").isFalse();
        assertThat(set.on("2.1", 1)).hasSize(2);
    }
}
