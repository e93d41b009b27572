package org.fovea.app.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackPositionTest {

    @Test
    void movesStopAtBothEnds() {
        StackPosition p = new StackPosition(15);

        assertThat(p.moveBy(-1)).isFalse();
        assertThat(p.moveBy(StackPosition.PAGE)).isTrue();
        assertThat(p.index()).isEqualTo(10);
        assertThat(p.moveBy(StackPosition.PAGE)).isTrue();
        assertThat(p.index()).isEqualTo(14);
        assertThat(p.last()).isFalse();
        assertThat(p.first()).isTrue();
        assertThat(p.index()).isZero();
    }

    @Test
    void emptyStackStaysAtZero() {
        StackPosition p = new StackPosition(0);

        assertThat(p.moveBy(5)).isFalse();
        assertThat(p.index()).isZero();
    }
}
