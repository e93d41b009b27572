package org.fovea.render.volume.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VoxelMaskTest {

    @Test
    void setVoxelsAreFoundAgainAcrossWordBoundaries() {
        // 7x5x3 = 105 voxels: two words, slices not aligned to words
        VoxelMask m = new VoxelMask(7, 5, 3);
        m.set(0, 0, 0);
        m.set(6, 4, 1);
        m.set(1, 2, 2);
        m.set(6, 4, 2);
        assertThat(m.get(6, 4, 1)).isTrue();
        assertThat(m.get(5, 4, 1)).isFalse();
        assertThat(m.count()).isEqualTo(4);
        assertThat(m.nextSet(0)).isEqualTo(0);
        assertThat(m.nextSet(1)).isEqualTo(m.index(6, 4, 1));
        assertThat(m.nextSet(m.index(6, 4, 1) + 1)).isEqualTo(m.index(1, 2, 2));
        assertThat(m.nextSet(m.index(6, 4, 2) + 1)).isEqualTo(-1);
        m.clear(0, 0, 0);
        assertThat(m.get(0, 0, 0)).isFalse();
        assertThat(m.count()).isEqualTo(3);
    }

    @Test
    void orAndAndNotCombineMasksOfTheSameVolume() {
        VoxelMask bone = new VoxelMask(10, 10, 10);
        VoxelMask table = new VoxelMask(10, 10, 10);
        bone.set(1, 1, 1);
        bone.set(9, 9, 9);
        table.set(9, 9, 9);
        table.set(0, 9, 5);
        VoxelMask both = new VoxelMask(10, 10, 10).or(bone).or(table);
        assertThat(both.count()).isEqualTo(3);
        both.andNot(table);
        assertThat(both.count()).isEqualTo(1);
        assertThat(both.get(1, 1, 1)).isTrue();
        assertThatThrownBy(() -> bone.or(new VoxelMask(10, 10, 9))).isInstanceOf(IllegalArgumentException.class);
    }
}
