package org.fovea.app.ui.settings;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.OverlayField;
import org.fovea.app.view.OverlayLayout;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.app.view.WindowRule;
import org.fovea.app.view.WindowRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The two display settings dialogs on their own (needs a display): the rules edited, ordered and
 * saved as JSON that loads back as shown; a layout without the patient's identity refused.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsDialogsTest {

    private static final I18n EN = new I18n(Locale.ENGLISH);

    @TempDir
    Path home;

    @Test
    void rulesEditedInTheDialogAreSavedAsJsonThatLoadsBackAsShown(FxRobot robot) {
        AtomicReference<WindowRules> saved = new AtomicReference<>();
        WindowPresetsDialog d = onFx(() -> new WindowPresetsDialog(EN, home, null, WindowRules.BUILT_IN, saved::set));
        robot.interact(d::show);
        try {
            TableView<WindowRule> table = robot.lookup("#window-rules").queryTableView();
            // bone first, abdomen gone
            robot.interact(() -> table.getSelectionModel().select(1));
            robot.clickOn("#rule-up");
            robot.interact(() -> table.getSelectionModel().select(4));
            robot.clickOn("#rule-remove");

            ComboBox<String> modality = robot.lookup("#rule-modality").queryComboBox();
            ComboBox<String> window = robot.lookup("#rule-window").queryComboBox();
            robot.interact(() -> {
                modality.getEditor().setText("mr");
                window.setValue(WindowPresetsDialog.OWN);
            });
            TextField words = robot.lookup("#rule-words").queryAs(TextField.class);
            TextField bodyPart = robot.lookup("#rule-body-part").queryAs(TextField.class);
            TextField width = robot.lookup("#rule-width").queryAs(TextField.class);
            robot.interact(() -> {
                words.setText("T2， 压脂");
                bodyPart.setText("knee");
                width.setText("abc");
                robot.lookup("#rule-center").queryAs(TextField.class).setText("450");
            });
            robot.clickOn("#rule-add");
            Label problem = robot.lookup("#window-rules-problem").queryAs(Label.class);
            assertThat(onFx(problem::getText)).isEqualTo("Give the window width (1 or more) and centre as numbers.");
            assertThat(onFx(() -> table.getItems().size())).isEqualTo(4);
            robot.interact(() -> width.setText("900"));
            robot.clickOn("#rule-add");
            assertThat(onFx(problem::getText)).isEmpty();

            // the lung rule now also for "肺窗" only in the body part CHEST
            robot.interact(() -> table.getSelectionModel().select(1));
            assertThat(onFx(() -> words.getText())).isEqualTo("lung, 肺");
            robot.clickOn(bodyPart).write("chest");
            robot.clickOn("#rule-replace");

            List<WindowRule> expected = List.of(
                    WindowRule.preset("CT", "bone", "bone", "骨"),
                    new WindowRule("CT", List.of("lung", "肺"), "CHEST", "lung", null, null),
                    WindowRule.preset("CT", "brain", "head", "brain", "颅", "脑"),
                    WindowRule.preset("CT", "mediastinum", "mediastin", "纵隔"),
                    new WindowRule("MR", List.of("T2", "压脂"), "KNEE", "", 900.0, 450.0));
            assertThat(onFx(d::rules)).containsExactlyElementsOf(expected);
            assertThat(onFx(() -> table.getItems().get(4).modality() + " " + table.getColumns().get(3)
                    .getCellObservableValue(4).getValue())).isEqualTo("MR 900/450");

            robot.clickOn(okButton(robot, d.dialog().getDialogPane()));
            waitUntil(() -> !d.dialog().isShowing());
            assertThat(saved.get().rules()).containsExactlyElementsOf(expected);
            assertThat(WindowRules.load(home).problems()).isEmpty();
            assertThat(WindowRules.load(home).value().rules()).containsExactlyElementsOf(expected);
        } finally {
            robot.interact(() -> d.dialog().close());
        }
    }

    @Test
    void aLayoutWithoutThePatientsIdentityIsRefusedWithTheReason(FxRobot robot) {
        AtomicReference<OverlayLayouts> saved = new AtomicReference<>();
        OverlayDialog d = onFx(() -> new OverlayDialog(EN, home, null, OverlayLayouts.BUILT_IN, saved::set));
        robot.interact(d::show);
        try {
            ComboBox<String> modality = robot.lookup("#overlay-modality").queryComboBox();
            robot.interact(() -> modality.setValue("CT"));
            assertThat(onFx(() -> list(robot, "topLeft").isDisabled())).as("CT takes the default").isTrue();
            robot.clickOn("#overlay-own");
            clickField(robot, "topLeft", "Sex and age");
            robot.clickOn("#overlay-remove-topLeft");
            clickField(robot, "topRight", "Study date and time");
            robot.clickOn("#overlay-remove-topRight");
            // moved to another corner it would be kept: here it is gone
            assertThat(onFx(() -> list(robot, "topLeft").getItems()))
                    .containsExactly(OverlayField.PATIENT_NAME, OverlayField.PATIENT_ID);

            robot.interact(() -> modality.setValue(OverlayDialog.DEFAULT));
            robot.clickOn(okButton(robot, d.dialog().getDialogPane()));

            assertThat(onFx(() -> d.dialog().isShowing())).isTrue();
            assertThat(onFx(() -> robot.lookup("#overlay-problem").queryAs(Label.class).getText())).isEqualTo(
                    "Not saved: the patient name, ID, sex/age and the study date must stay on the image, "
                            + "and the layout \"CT\" lacks Sex and age, Study date and time. Put them in any corner.");
            assertThat(onFx(modality::getValue)).as("the layout that lacks them is shown").isEqualTo("CT");
            assertThat(home.resolve("settings").resolve("overlay.json")).doesNotExist();
            assertThat(saved.get()).isNull();

            // sex and age back, at the bottom left; the study date, date only, at the bottom right
            ComboBox<OverlayField> bl = robot.lookup("#overlay-field-bottomLeft").queryComboBox();
            robot.interact(() -> bl.setValue(OverlayField.SEX_AGE));
            robot.clickOn("#overlay-add-bottomLeft");
            ComboBox<OverlayField> br = robot.lookup("#overlay-field-bottomRight").queryComboBox();
            robot.interact(() -> br.setValue(OverlayField.STUDY_DATE));
            robot.clickOn("#overlay-add-bottomRight");
            clickField(robot, "bottomRight", "Study date");
            robot.clickOn("#overlay-up-bottomRight").clickOn("#overlay-up-bottomRight");
            robot.clickOn(okButton(robot, d.dialog().getDialogPane()));
            waitUntil(() -> !d.dialog().isShowing());

            OverlayLayout ct = new OverlayLayout(List.of(OverlayField.PATIENT_NAME, OverlayField.PATIENT_ID),
                    List.of(OverlayField.STUDY_DESCRIPTION, OverlayField.ACCESSION),
                    List.of(OverlayField.SERIES, OverlayField.IMAGE, OverlayField.SLICE_LOCATION,
                            OverlayField.SLICE_THICKNESS, OverlayField.SEX_AGE),
                    List.of(OverlayField.STUDY_DATE, OverlayField.WINDOW, OverlayField.ZOOM));
            assertThat(saved.get()).isEqualTo(OverlayLayouts.BUILT_IN.with("CT", ct));
            assertThat(OverlayLayouts.load(home).problems()).isEmpty();
            assertThat(OverlayLayouts.load(home).value()).isEqualTo(saved.get());
        } finally {
            robot.interact(() -> d.dialog().close());
        }
    }

    @Test
    void resetBringsBackTheDefaultAndAModalityWithoutItsOwnLayoutTakesIt(FxRobot robot) {
        OverlayLayouts ctOwn = OverlayLayouts.BUILT_IN.with("CT", OverlayLayout.BUILT_IN
                .with(OverlayLayout.Corner.BOTTOM_RIGHT, List.of(OverlayField.ZOOM, OverlayField.WINDOW)));
        OverlayDialog d = onFx(() -> new OverlayDialog(EN, home, null, ctOwn, l -> { }));
        robot.interact(d::show);
        try {
            ComboBox<String> modality = robot.lookup("#overlay-modality").queryComboBox();
            clickField(robot, "bottomRight", "Zoom");
            robot.clickOn("#overlay-remove-bottomRight");
            assertThat(onFx(() -> d.layouts().defaults().bottomRight())).containsExactly(OverlayField.WINDOW);
            robot.clickOn("#overlay-reset");
            assertThat(onFx(() -> d.layouts().defaults())).isEqualTo(OverlayLayout.BUILT_IN);

            robot.interact(() -> modality.setValue("CT"));
            assertThat(onFx(() -> robot.lookup("#overlay-own").queryAs(CheckBox.class).isSelected())).isTrue();
            assertThat(onFx(() -> list(robot, "bottomRight").getItems()))
                    .containsExactly(OverlayField.ZOOM, OverlayField.WINDOW);
            robot.clickOn("#overlay-reset");
            assertThat(onFx(() -> d.layouts().modalities())).isEmpty();
            assertThat(onFx(() -> list(robot, "bottomRight").getItems()))
                    .containsExactly(OverlayField.WINDOW, OverlayField.ZOOM);
            assertThat(onFx(() -> list(robot, "bottomRight").isDisabled())).isTrue();
        } finally {
            robot.interact(() -> d.dialog().close());
        }
    }

    @SuppressWarnings("unchecked")
    static ListView<OverlayField> list(FxRobot robot, String corner) {
        return robot.lookup("#overlay-list-" + corner).queryAs(ListView.class);
    }

    /** Clicks a field's line in a corner's list. */
    static void clickField(FxRobot robot, String corner, String label) {
        List<ListCell<?>> cells = new ArrayList<>(robot.from(list(robot, corner)).lookup(".list-cell")
                .queryAllAs(ListCell.class).stream().map(c -> (ListCell<?>) c).toList());
        robot.clickOn(cells.stream().filter(c -> label.equals(onFx(c::getText))).findFirst().orElseThrow());
    }

    static Button okButton(FxRobot robot, javafx.scene.control.DialogPane pane) {
        ButtonType ok = onFx(() -> pane.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow());
        return (Button) onFx(() -> pane.lookupButton(ok));
    }
}
