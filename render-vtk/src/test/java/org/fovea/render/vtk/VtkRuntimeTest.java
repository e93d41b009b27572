package org.fovea.render.vtk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VtkRuntimeTest {

    @Test
    void loadsWithTheNativesOnTheLibraryPath() {
        assertThat(VtkRuntime.problem()).isEmpty();
        VtkRuntime.require();
    }
}
