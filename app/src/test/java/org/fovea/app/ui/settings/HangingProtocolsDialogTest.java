package org.fovea.app.ui.settings;

import javafx.scene.control.ListView;
import org.fovea.app.hanging.HangingProtocol;
import org.fovea.app.hanging.Protocols;
import org.fovea.app.ui.common.I18n;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;

/**
 * Settings > Hanging protocols… on its own (needs a display): reordering is what the next study
 * is tried against; a built-in protocol edited becomes the department's copy, a broken edit is
 * refused with the reason, and deleting the copy brings the built-in one back.
 */
@ExtendWith(ApplicationExtension.class)
class HangingProtocolsDialogTest {

    private static final I18n EN = new I18n(Locale.ENGLISH);

    @TempDir
    Path home;

    @Test
    void protocolsAreReorderedEditedAsJsonAndTheirCopiesDeleted(FxRobot robot) throws Exception {
        HangingProtocolsDialog d = onFx(() -> new HangingProtocolsDialog(EN, home, null));
        robot.interact(d::show);
        try {
            assertThat(onFx(d::names)).startsWith("CT chest", "CT head");
            robot.interact(() -> d.select("CT head"));
            robot.clickOn("Up");
            assertThat(onFx(d::names)).startsWith("CT head", "CT chest");
            assertThat(Protocols.load(home).all().get(0).name()).isEqualTo("CT head");

            // a 5x5 grid is refused with the reason; nothing is written
            robot.interact(() -> d.select("CT chest"));
            String json = onFx(() -> d.editor().getText());
            robot.interact(() -> d.editor().setText(json.replaceFirst("\"rows\" : 2", "\"rows\" : 5")));
            assertThat(onFx(d::saveEdited)).isFalse();
            assertThat(onFx(d::problem)).contains("1x1 to 4x4");
            assertThat(Files.exists(home.resolve("settings/hanging/CT-chest.json"))).isFalse();

            // the lung window of the first viewport becomes bone: the department's copy, in force
            robot.interact(() -> d.editor().setText(json.replaceFirst("\"preset\" : \"lung\"", "\"preset\" : \"bone\"")));
            robot.clickOn("#hanging-protocol-save");
            assertThat(home.resolve("settings/hanging/CT-chest.json")).exists();
            HangingProtocol chest = Protocols.load(home).all().stream().filter(p -> p.name().equals("CT chest")).findFirst()
                    .orElseThrow();
            assertThat(chest.stages().get(0).cells().get(0).preset()).isEqualTo("bone");
            assertThat(onFx(d::names)).as("the order is kept").startsWith("CT head", "CT chest");

            robot.clickOn("#hanging-protocol-delete");
            assertThat(home.resolve("settings/hanging/CT-chest.json")).doesNotExist();
            assertThat(Protocols.load(home).all().stream().filter(p -> p.name().equals("CT chest")).findFirst()
                    .orElseThrow().stages().get(0).cells().get(0).preset()).isEqualTo("lung");
            robot.interact(() -> d.select("CT head"));
            robot.clickOn("#hanging-protocol-delete");
            assertThat(onFx(d::problem)).contains("cannot be deleted");
        } finally {
            robot.interact(d::close);
        }
    }
}
