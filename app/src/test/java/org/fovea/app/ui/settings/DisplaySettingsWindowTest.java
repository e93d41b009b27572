package org.fovea.app.ui.settings;

import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.ui.viewer.Viewport;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.DemoArchive;
import org.fovea.app.view.OverlayField;
import org.fovea.app.view.OverlayLayout;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.app.view.WindowRule;
import org.fovea.app.view.WindowRules;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * Window preset rules (V4) and overlay layouts (V26) through the real window: set in the Settings
 * menu's dialogs, saved as JSON, and seen on the demo's images; a broken file said once while the
 * defaults still work (needs a display).
 */
@ExtendWith(ApplicationExtension.class)
class DisplaySettingsWindowTest {

    private static DemoArchive demo;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @BeforeEach
    void noSettings() throws Exception {
        Files.deleteIfExists(settings(WindowRules.FILE));
        Files.deleteIfExists(settings(OverlayLayouts.FILE));
    }

    private static Path settings(String file) {
        return demo.home.resolve("settings").resolve(file);
    }

    @Test
    void aRuleSetInSettingsOpensTheChestCtInItsWindowWhileTheProtocolsPresetsWin(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            robot.clickOn("Settings").clickOn("Window presets...");
            DialogPane dialog = robot.lookup("#window-presets-dialog").queryAs(DialogPane.class);
            ComboBox<String> modality = robot.lookup("#rule-modality").queryComboBox();
            ComboBox<String> window = robot.lookup("#rule-window").queryComboBox();
            robot.interact(() -> {
                modality.getEditor().setText("CT");
                robot.lookup("#rule-words").queryAs(TextField.class).setText("胸部, chest");
                window.setValue("bone");
            });
            robot.clickOn("#rule-add");
            robot.clickOn(SettingsDialogsTest.okButton(robot, dialog));
            waitUntil(() -> dialog.getScene() == null || !dialog.getScene().getWindow().isShowing());
            List<WindowRule> expected = new ArrayList<>(WindowRules.BUILT_IN.rules());
            expected.add(WindowRule.preset("CT", "bone", "胸部", "chest"));
            assertThat(WindowRules.load(demo.home).value().rules()).containsExactlyElementsOf(expected);

            // the CT protocol hangs the current and prior chest CT in its lung and mediastinal windows
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().stream().allMatch(v -> v.currentImage() != null)));
            assertThat(onFx(() -> viewer.visibleViewports().stream().map(DisplaySettingsWindowTest::window).toList()))
                    .containsExactly("W: 1500 L: -600", "W: 350 L: 40", "W: 1500 L: -600", "W: 350 L: 40");

            // the series put in a viewport by hand opens in the rule's window
            Viewport active = onFx(viewer::activeViewport);
            robot.clickOn(onFx(() -> viewer.thumbnailCells().get(0)));
            waitUntil(() -> onFx(() -> window(active).equals("W: 2000 L: 500")));

            // the user's own window, then R: back to the rule's
            robot.drag(onFx(active::pane), MouseButton.SECONDARY).moveBy(80, 30).drop();
            assertThat(onFx(() -> window(active))).isNotEqualTo("W: 2000 L: 500");
            robot.type(KeyCode.DIGIT1);
            assertThat(onFx(() -> window(active))).isEqualTo("W: 1500 L: -600");
            robot.type(KeyCode.R);
            assertThat(onFx(() -> window(active))).isEqualTo("W: 2000 L: 500");
        }
    }

    @Test
    void theAccessionMovedForCtInSettingsIsDrawnBottomRightOnCtOnly(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            robot.clickOn("Settings").clickOn("Overlay...");
            DialogPane dialog = robot.lookup("#overlay-dialog").queryAs(DialogPane.class);
            ComboBox<String> modality = robot.lookup("#overlay-modality").queryComboBox();
            robot.interact(() -> modality.setValue("CT"));
            robot.clickOn("#overlay-own");
            SettingsDialogsTest.clickField(robot, "topRight", "Accession number");
            robot.clickOn("#overlay-remove-topRight");
            ComboBox<OverlayField> field = robot.lookup("#overlay-field-bottomRight").queryComboBox();
            robot.interact(() -> field.setValue(OverlayField.ACCESSION));
            robot.clickOn("#overlay-add-bottomRight");
            robot.clickOn(SettingsDialogsTest.okButton(robot, dialog));
            waitUntil(() -> dialog.getScene() == null || !dialog.getScene().getWindow().isShowing());
            assertThat(OverlayLayouts.load(demo.home).value()).isEqualTo(OverlayLayouts.BUILT_IN.with("CT",
                    OverlayLayout.BUILT_IN.with(OverlayLayout.Corner.TOP_RIGHT,
                                    List.of(OverlayField.STUDY_DATE_TIME, OverlayField.STUDY_DESCRIPTION))
                            .with(OverlayLayout.Corner.BOTTOM_RIGHT,
                                    List.of(OverlayField.WINDOW, OverlayField.ZOOM, OverlayField.ACCESSION))));

            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            waitUntil(() -> onFx(() -> viewer.activeViewport().pane().overlayLines().contains("Acc: FVDEMO0001")));
            List<String> ct = onFx(() -> viewer.activeViewport().pane().overlayLines());
            assertThat(ct).filteredOn(l -> l.startsWith("Acc:")).containsExactly("Acc: FVDEMO0001");
            assertThat(ct.get(ct.size() - 1)).as("last line of the bottom-right corner").isEqualTo("Acc: FVDEMO0001");
            assertThat(ct.get(ct.size() - 2)).startsWith("Zoom:");

            ViewerView dr = w.openStudy(demo, DemoStudy.CHEST_DR);
            waitUntil(() -> onFx(() -> dr.activeViewport().pane().overlayLines().contains("Acc: FVDEMO0003")));
            List<String> lines = onFx(() -> dr.activeViewport().pane().overlayLines());
            assertThat(lines.indexOf("Acc: FVDEMO0003")).as("top right, above the series line")
                    .isLessThan(indexStarting(lines, "Se:"));
        }
    }

    @Test
    void brokenSettingsFilesAreSaidOnceWithNameAndReasonAndTheDefaultsStillWork(FxRobot robot) throws Exception {
        Files.createDirectories(settings(WindowRules.FILE).getParent());
        Files.writeString(settings(WindowRules.FILE), "{\"rules\": [{\"modality\": \"CT\"");
        Files.writeString(settings(OverlayLayouts.FILE), """
                {"default": {"topLeft": ["sexAge"], "topRight": ["studyDateTime", "accession"],
                             "bottomLeft": ["series", "image"], "bottomRight": ["window", "zoom"]}}
                """);
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            waitUntil(() -> !problemAlerts(robot).isEmpty());
            assertThat(problemAlerts(robot)).hasSize(1);
            DialogPane alert = problemAlerts(robot).get(0);
            @SuppressWarnings("unchecked")
            List<String> details = onFx(() -> List.copyOf(((ListView<String>) alert.getExpandableContent()).getItems()));
            assertThat(details).satisfiesExactly(
                    d -> assertThat(d).startsWith(settings(WindowRules.FILE) + ": ")
                            .contains("end-of-input").endsWith("the built-in rules apply"),
                    d -> assertThat(d).startsWith(settings(OverlayLayouts.FILE) + ": default: ")
                            .endsWith("put back: patientName, patientId"));
            robot.clickOn(SettingsDialogsTest.okButton(robot, alert));

            ViewerView viewer = w.openStudy(demo, DemoStudy.CHEST_DR);
            waitUntil(() -> onFx(() -> viewer.activeViewport().pane().overlayLines().contains("ID: FV0001")));
            assertThat(onFx(() -> viewer.activeViewport().pane().overlayLines()))
                    .as("the identity put back, top left").startsWith("王建国 (WANG JIANGUO)", "ID: FV0001");
            assertThat(problemAlerts(robot)).as("said once").isEmpty();

            robot.clickOn("Settings").clickOn("Window presets...");
            TableView<WindowRule> rules = robot.lookup("#window-rules").queryTableView();
            assertThat(onFx(() -> List.copyOf(rules.getItems()))).as("the built-in rules in force")
                    .containsExactlyElementsOf(WindowRules.BUILT_IN.rules());
            robot.interact(() -> rules.getScene().getWindow().hide());
        }
    }

    /** The warnings on screen that say which settings could not be used. */
    private static List<DialogPane> problemAlerts(FxRobot robot) {
        return onFx(() -> robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> p.getScene() != null && p.getScene().getWindow().isShowing())
                .filter(p -> "Some display settings could not be used as written; the rest apply:".equals(p.getHeaderText()))
                .toList());
    }

    private static String window(Viewport v) {
        return v.pane().overlayLines().stream().filter(l -> l.startsWith("W:")).findFirst().orElse("");
    }

    private static int indexStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
