package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fovea.app.view.OverlayField.*;

class OverlayLayoutsTest {

    private static final ResourceBundle EN = Messages.bundle(Locale.ENGLISH);

    @TempDir
    Path home;

    /** The built-in layout with CT's accession moved to the bottom of the bottom-right corner. */
    private static OverlayLayouts accessionBottomRightForCt() {
        OverlayLayout ct = OverlayLayout.BUILT_IN
                .with(OverlayLayout.Corner.TOP_RIGHT, List.of(STUDY_DATE_TIME, STUDY_DESCRIPTION))
                .with(OverlayLayout.Corner.BOTTOM_RIGHT, List.of(WINDOW, ZOOM, ACCESSION));
        return OverlayLayouts.BUILT_IN.with("ct", ct);
    }

    private static ImageHeader header(String modality) {
        return new ImageHeader("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.3", "1.2.3.1", "1.2.840.10008.1.2.1",
                "WANG^JIANGUO=王^建国", "FV0001", "M", "19680512", "056Y", "20250310", "143015.000",
                "CT CHEST", "ACC123", modality, "3", "Lung 1mm", "CHEST", "12", "-120.25", "1.0", 512, 256, 1, "1.2.3.9");
    }

    private static OverlayInput input(String modality, boolean anonymous) {
        return new OverlayInput(header(modality), true, 11, 300, new WindowLevel(1500, -600), 1.25, anonymous);
    }

    @Test
    void aModalitysOwnLayoutMovesItsFieldsAndOthersKeepTheDefault() {
        OverlayLayouts layouts = accessionBottomRightForCt();

        OverlayCorners ct = OverlayText.of(input("CT", false), EN, layouts);
        assertThat(ct.topRight()).containsExactly("2025-03-10 14:30", "CT CHEST");
        assertThat(ct.bottomRight()).containsExactly("W: 1500 L: -600", "Zoom: 125%", "Acc: ACC123");

        OverlayCorners mr = OverlayText.of(input("MR", false), EN, layouts);
        assertThat(mr.topRight()).containsExactly("2025-03-10 14:30", "CT CHEST", "Acc: ACC123");
        assertThat(mr).isEqualTo(OverlayText.of(input("MR", false), EN));
    }

    @Test
    void everyFieldOfTheCatalogueSaysItsValue() {
        OverlayLayout all = new OverlayLayout(List.of(PATIENT_NAME, PATIENT_ID, SEX_AGE, BIRTH_DATE),
                List.of(STUDY_DATE, STUDY_DATE_TIME, STUDY_DESCRIPTION, ACCESSION, MODALITY, BODY_PART),
                List.of(SERIES, INSTANCE_NUMBER, IMAGE, SLICE_LOCATION, SLICE_THICKNESS, MATRIX), List.of(WINDOW, ZOOM));
        assertThat(OverlayField.values()).allMatch(all::contains);

        OverlayCorners c = OverlayText.of(input("CT", false), EN, new OverlayLayouts(all, java.util.Map.of()));

        assertThat(c.topLeft()).containsExactly("王建国 (WANG JIANGUO)", "ID: FV0001", "M 56Y", "DOB: 1968-05-12");
        assertThat(c.topRight()).containsExactly("2025-03-10", "2025-03-10 14:30", "CT CHEST", "Acc: ACC123", "CT", "CHEST");
        assertThat(c.bottomLeft()).containsExactly("Se: 3 Lung 1mm", "In: 12", "Im: 12/300", "Loc: -120.3 mm",
                "Thk: 1.0 mm", "256×512");
        assertThat(c.bottomRight()).containsExactly("W: 1500 L: -600", "Zoom: 125%");
        for (OverlayField f : OverlayField.values()) {
            assertThat(EN.containsKey(f.labelKey())).as(f.labelKey()).isTrue();
            assertThat(Messages.bundle(Locale.SIMPLIFIED_CHINESE).getString(f.labelKey())).as(f.labelKey())
                    .isNotEqualTo(EN.getString(f.labelKey()));
        }
    }

    @Test
    void aTeachingSessionHidesIdentityWhereverTheLayoutPutsIt() {
        OverlayLayout moved = new OverlayLayout(List.of(SERIES), List.of(STUDY_DESCRIPTION, MODALITY),
                List.of(IMAGE), List.of(PATIENT_NAME, PATIENT_ID, BIRTH_DATE, SEX_AGE, STUDY_DATE, ACCESSION, ZOOM));

        OverlayCorners c = OverlayText.of(input("CT", true), EN, new OverlayLayouts(moved, java.util.Map.of()));

        assertThat(c.topLeft()).containsExactly("Teaching case (identity hidden)", "Se: 3 Lung 1mm");
        assertThat(c.bottomRight()).containsExactly("M 56Y", "Zoom: 125%");
        assertThat(c.joined()).doesNotContain("WANG", "王", "FV0001", "1968", "ACC123", "2025-03-10");
    }

    @Test
    void savedLayoutsAreReadableJsonAndLoadBackIdentically() throws Exception {
        OverlayLayouts layouts = accessionBottomRightForCt().with("MR", OverlayLayout.BUILT_IN
                .with(OverlayLayout.Corner.BOTTOM_LEFT, List.of(SERIES, IMAGE, SLICE_THICKNESS, MATRIX)));
        layouts.save(home);

        String json = Files.readString(home.resolve("settings").resolve("overlay.json"));
        assertThat(json).contains("\"default\"", "\"modalities\"", "\"CT\"", "\"bottomRight\" : [ \"window\", \"zoom\", \"accession\" ]");
        SettingsFile.Loaded<OverlayLayouts> loaded = OverlayLayouts.load(home);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.value()).isEqualTo(layouts);
    }

    @Test
    void aLayoutWithoutTheIdentityIsNeverWritten() {
        OverlayLayouts noName = OverlayLayouts.BUILT_IN.with("CT", OverlayLayout.BUILT_IN
                .with(OverlayLayout.Corner.TOP_LEFT, List.of(SEX_AGE)));
        assertThat(noName.missingIdentity()).containsOnlyKeys("CT");
        assertThat(noName.missingIdentity().get("CT")).containsExactly(PATIENT_NAME, PATIENT_ID);

        assertThatThrownBy(() -> noName.save(home)).isInstanceOf(IllegalArgumentException.class);
        assertThat(home.resolve("settings").resolve("overlay.json")).doesNotExist();
    }

    @Test
    void aFileThatDropsTheIdentityIsSaidAndTheIdentityIsPutBack() throws Exception {
        Path file = home.resolve("settings").resolve("overlay.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"default": {"topLeft": [], "topRight": ["studyDescription"], "bottomLeft": ["series", "image"],
                             "bottomRight": ["window", "zoom"]},
                 "modalities": {"CT": {"topLeft": ["patientName", "sexAge"], "topRight": ["studyDate"],
                                       "bottomLeft": ["image"], "bottomRight": ["zoom", "accession"]}}}
                """);

        SettingsFile.Loaded<OverlayLayouts> loaded = OverlayLayouts.load(home);

        assertThat(loaded.problems()).extracting(SettingsFile.Problem::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("default: ").endsWith("put back: patientName, patientId, sexAge, studyDateTime"),
                r -> assertThat(r).startsWith("CT: ").endsWith("put back: patientId"));
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
        OverlayLayout d = loaded.value().defaults();
        assertThat(d.topLeft()).containsExactly(PATIENT_NAME, PATIENT_ID, SEX_AGE);
        assertThat(d.topRight()).containsExactly(STUDY_DATE_TIME, STUDY_DESCRIPTION);
        OverlayLayout ct = loaded.value().forModality("CT");
        assertThat(ct.topLeft()).containsExactly(PATIENT_ID, PATIENT_NAME, SEX_AGE);
        assertThat(ct.topRight()).as("the study date is there").containsExactly(STUDY_DATE);
        assertThat(ct.bottomRight()).as("the rest as written").containsExactly(ZOOM, ACCESSION);
        assertThat(OverlayText.of(input("CT", false), EN, loaded.value()).joined())
                .contains("王建国", "ID: FV0001", "M 56Y", "2025-03-10");
    }

    @Test
    void unknownFieldsAndCornersAreSaidAndTheRestIsKept() throws Exception {
        Path file = home.resolve("settings").resolve("overlay.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"default": {"topLeft": ["patientName", "patientNmae", "patientId", "sexAge"],
                             "topright": ["studyDateTime"], "topRight": ["studyDateTime", "patientId"],
                             "bottomRight": "zoom"},
                 "modality": {}}
                """);

        SettingsFile.Loaded<OverlayLayouts> loaded = OverlayLayouts.load(home);

        assertThat(loaded.problems()).extracting(SettingsFile.Problem::reason).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("\"modality\" is not \"default\" or \"modalities\""),
                r -> assertThat(r).contains("\"topright\" is not a corner"),
                r -> assertThat(r).contains("unknown field \"patientNmae\""),
                r -> assertThat(r).contains("topRight: \"patientId\" is shown once"),
                r -> assertThat(r).contains("bottomRight: not a list of fields"));
        assertThat(loaded.value().defaults()).isEqualTo(new OverlayLayout(List.of(PATIENT_NAME, PATIENT_ID, SEX_AGE),
                List.of(STUDY_DATE_TIME), List.of(), List.of()));
    }

    @Test
    void aFileThatIsNotJsonLeavesTheBuiltInLayout() throws Exception {
        Path file = home.resolve("settings").resolve("overlay.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "topLeft: patientName");

        SettingsFile.Loaded<OverlayLayouts> loaded = OverlayLayouts.load(home);

        assertThat(loaded.value()).isEqualTo(OverlayLayouts.BUILT_IN);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.reason()).contains("Unrecognized token").endsWith("the built-in layout applies");
        });
    }
}
