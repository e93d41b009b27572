package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowRulesTest {

    @TempDir
    Path home;

    private static String window(WindowRules rules, String modality, String description, String bodyPart) {
        return rules.match(modality, description, bodyPart).map(WindowRule::window)
                .map(w -> OverlayText.number(w.width()) + "/" + OverlayText.number(w.center())).orElse("header");
    }

    @Test
    void builtInRulesOpenLungBoneAndBrainSeriesInTheirWindows() {
        WindowRules r = WindowRules.BUILT_IN;
        assertThat(window(r, "CT", "胸部 肺窗 1mm", "CHEST")).isEqualTo("1500/-600");
        assertThat(window(r, "CT", "Lung 1.25mm", "")).as("case does not matter").isEqualTo("1500/-600");
        assertThat(window(r, "CT", "骨算法 1mm", "")).isEqualTo("2000/500");
        assertThat(window(r, "CT", "头颅平扫 5mm", "HEAD")).isEqualTo("80/40");
        assertThat(window(r, "CT", "BRAIN STD", "")).isEqualTo("80/40");
        assertThat(window(r, "CT", "Head 1.0 bone", "")).as("bone comes before head").isEqualTo("2000/500");
        assertThat(window(r, "CT", "胸部平扫 1mm", "CHEST")).as("no word of a rule").isEqualTo("header");
        assertThat(window(r, "MR", "brain T2", "")).as("HU presets are CT's").isEqualTo("header");
    }

    @Test
    void theFirstMatchingRuleWinsAndABodyPartMustBeTheSeries() {
        WindowRules r = new WindowRules(List.of(
                new WindowRule("mr", List.of(), "knee", "", 900.0, 450.0),
                WindowRule.window("MR", 600, 300, "t2", "压脂"),
                WindowRule.preset("CT", "bone", "bone"),
                WindowRule.preset("CT", "lung", "bone", "lung")));
        assertThat(window(r, "MR", "PD 压脂 sag", "KNEE")).isEqualTo("900/450");
        assertThat(window(r, "MR", "PD 压脂 sag", "ANKLE")).isEqualTo("600/300");
        assertThat(window(r, "MR", "T1 sag", "ANKLE")).isEqualTo("header");
        assertThat(window(r, "CT", "lung bone", "")).isEqualTo("2000/500");
        ImageHeader h = OverlayTextTest.header("056Y", "0");
        assertThat(WindowRules.BUILT_IN.windowFor(h)).as("CT \"Lung 1mm\"").contains(new WindowLevel(1500, -600,
                org.fovea.render.VoiFunction.LINEAR, "lung"));
    }

    @Test
    void savedRulesAreReadableJsonAndLoadBackIdentically() throws Exception {
        WindowRules rules = new WindowRules(List.of(WindowRule.preset("CT", "lung", "肺", "lung"),
                new WindowRule("MR", List.of("t2"), "KNEE", "", 900.0, 450.5)));
        rules.save(home);

        Path file = home.resolve("settings").resolve("window-presets.json");
        String json = Files.readString(file);
        assertThat(json).contains("\"肺\"", "\"preset\" : \"lung\"", "\"width\" : 900.0").doesNotContain("null");
        SettingsFile.Loaded<WindowRules> loaded = WindowRules.load(home);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.value()).isEqualTo(rules);
    }

    @Test
    void withoutAFileTheBuiltInRulesApply() {
        SettingsFile.Loaded<WindowRules> loaded = WindowRules.load(home);
        assertThat(loaded.value()).isEqualTo(WindowRules.BUILT_IN);
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aBrokenFileIsSaidWithItsNameAndReasonAndTheBuiltInRulesStillApply() throws Exception {
        Path file = home.resolve("settings").resolve("window-presets.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"rules\": [{\"modality\": \"CT\", ");

        SettingsFile.Loaded<WindowRules> loaded = WindowRules.load(home);

        assertThat(loaded.value()).isEqualTo(WindowRules.BUILT_IN);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.reason()).contains("end-of-input").contains("built-in rules apply");
        });
    }

    @Test
    void aRuleThatCannotBeUsedIsLeftOutAndTheOthersApply() throws Exception {
        Path file = home.resolve("settings").resolve("window-presets.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"rules": [
                  {"modality": "CT", "descriptionContains": ["纵隔"], "preset": "mediastinum"},
                  {"modality": "CT", "descriptionContains": ["lung"], "preset": "lungs"},
                  {"modality": "CT", "widht": 400, "center": 40},
                  {"descriptionContains": ["bone"], "preset": "bone"},
                  {"modality": "CT", "preset": "bone", "width": 2000, "center": 500},
                  {"modality": "MR", "width": 0, "center": 40}
                ]}
                """);

        SettingsFile.Loaded<WindowRules> loaded = WindowRules.load(home);

        assertThat(loaded.value().rules()).containsExactly(WindowRule.preset("CT", "mediastinum", "纵隔"));
        assertThat(loaded.problems()).extracting(SettingsFile.Problem::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("rule 2 ").contains("unknown preset \"lungs\""),
                r -> assertThat(r).startsWith("rule 3 ").contains("\"widht\""),
                r -> assertThat(r).startsWith("rule 4 ").contains("no \"modality\""),
                r -> assertThat(r).startsWith("rule 5 ").contains("one of the two"),
                r -> assertThat(r).startsWith("rule 6 ").contains("at least 1 wide"));
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
    }
}
