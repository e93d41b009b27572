package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowPresetsTest {

    @Test
    void ctPresetsHaveTheAgreedWidthsCentresKeysAndHotkeys() {
        assertThat(WindowPresets.ct()).extracting(WindowPresets.Preset::key, WindowPresets.Preset::hotkey,
                        WindowPresets.Preset::width, WindowPresets.Preset::center)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lung", 1, 1500.0, -600.0),
                        org.assertj.core.groups.Tuple.tuple("mediastinum", 2, 350.0, 40.0),
                        org.assertj.core.groups.Tuple.tuple("bone", 3, 2000.0, 500.0),
                        org.assertj.core.groups.Tuple.tuple("brain", 4, 80.0, 40.0),
                        org.assertj.core.groups.Tuple.tuple("abdomen", 5, 400.0, 50.0));
    }

    @Test
    void lookupByKeyAndHotkey() {
        assertThat(WindowPresets.byKey("Lung")).get().extracting(WindowPresets.Preset::hotkey).isEqualTo(1);
        assertThat(WindowPresets.byHotkey(3)).get().extracting(WindowPresets.Preset::key).isEqualTo("bone");
        assertThat(WindowPresets.byHotkey(3).orElseThrow().window()).isEqualTo(
                new WindowLevel(2000, 500, VoiFunction.LINEAR, "bone"));
        assertThat(WindowPresets.byKey("liver")).isEmpty();
        assertThat(WindowPresets.byKey(null)).isEmpty();
        assertThat(WindowPresets.byHotkey(0)).isEmpty();
        assertThat(WindowPresets.byHotkey(6)).isEmpty();
    }
}
