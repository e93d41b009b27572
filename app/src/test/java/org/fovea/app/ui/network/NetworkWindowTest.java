package org.fovea.app.ui.network;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.NetworkSettings;
import org.fovea.dicom.net.NetworkSettingsStore;
import org.fovea.dicom.net.QueryResult;
import org.fovea.dicom.net.RetrieveMethod;
import org.fovea.dicom.net.SendReport;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The workstation on the DICOM network, driven through its real window: settings with a C-ECHO
 * test, a PACS query and retrieve, a study sent to the PACS, and images pushed to its listener
 * (needs a display).
 */
@ExtendWith(ApplicationExtension.class)
class NetworkWindowTest {

    private static final Path CHARSETS = Path.of(System.getProperty("fovea.shared", "../../shared"),
            "testdata", "dicom", "charsets");
    private static final String OUR_AE = "FOVEAGUI";

    private static OrthancPeer pacs;
    private static Path home;
    private static LocalArchive archive;
    private static int listenPort;
    private WorkstationWindow window;

    @BeforeAll
    static void startPacs() throws Exception {
        home = Files.createTempDirectory("fovea-network-ui");
        pacs = OrthancPeer.start(home.resolve("orthanc"), List.of());
        Path charactersOnly = home.resolve("li-ming.dcm");
        Files.copy(CHARSETS.resolve("chinese-ISO_IR_192.dcm"), charactersOnly);
        org.fovea.dicom.net.peers.Dcmtk.run("dcmodify", List.of("-nb", "-gst", "-gse", "-gin",
                "-m", "(0010,0010)=李^明", "-m", "(0010,0020)=CN-LIMING", charactersOnly.toString())).requireSuccess();
        assertThat(pacs.upload(List.of(CHARSETS.resolve("chinese-GB18030.dcm"), CHARSETS.resolve("chinese-ISO_IR_192.dcm"),
                charactersOnly))).isEqualTo(3);
        listenPort = OrthancPeer.freePort();
        NetworkSettingsStore.save(home, new NetworkSettings(OUR_AE, listenPort, true, 5, 30, List.of(
                new DicomNode("PACS", OrthancPeer.AE_TITLE, "127.0.0.1", pacs.dicomPort(),
                        EnumSet.of(DicomNode.Service.QUERY_RETRIEVE, DicomNode.Service.STORE), RetrieveMethod.C_GET))));
        archive = LocalArchive.open(home);
    }

    @AfterAll
    static void stopPacs() {
        archive.close();
        pacs.close();
    }

    @Start
    void start(Stage stage) {
        window = new WorkstationWindow(archive, home, Locale.ENGLISH);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void aNodeAddedInSettingsAnswersItsEchoAndIsSaved(FxRobot robot) {
        robot.clickOn("Settings").clickOn("DICOM Nodes...");
        robot.clickOn("#node-add");
        robot.clickOn("#node-name").write("Test PACS");
        robot.clickOn("#node-ae").write(OrthancPeer.AE_TITLE);
        TextField port = robot.lookup("#node-port").queryAs(TextField.class);
        robot.interact(() -> port.setText(String.valueOf(pacs.dicomPort())));
        robot.clickOn(port).type(KeyCode.ENTER);

        Button test = onFx(() -> robot.lookup(".echo-button").queryAllAs(Button.class).stream()
                .filter(b -> rowItem(b) != null && rowItem(b).name().equals("Test PACS")).findFirst().orElseThrow());
        robot.clickOn(test);

        waitUntil(() -> robot.lookup(".echo-ok").tryQuery().isPresent());
        TableCell<?, ?> ok = robot.lookup(".echo-ok").queryAs(TableCell.class);
        assertThat(onFx(ok::getText)).matches("OK, \\d+ ms");
        assertThat(onFx(() -> ((TableRow<?>) ok.getTableRow()).getItem())).extracting(n -> ((DicomNode) n).name())
                .isEqualTo("Test PACS");

        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("OK")).queryButton());
        waitUntil(() -> NetworkSettingsStore.load(home).node("Test PACS").isPresent());
        assertThat(NetworkSettingsStore.load(home).node("Test PACS").orElseThrow().port()).isEqualTo(pacs.dicomPort());
    }

    @Test
    void aChineseStudyFoundOnThePacsIsRetrievedIntoTheStudyList(FxRobot robot) {
        robot.clickOn("Query");
        waitUntil(() -> window.query().nodeChooser().getValue() != null);
        robot.clickOn("#query-name").write("张伟");
        robot.clickOn("#query-search");
        waitUntil(() -> window.query().studyTable().getItems().size() == 2);
        QueryResult utf8 = onFx(() -> window.query().studyTable().getItems().stream()
                .filter(r -> r.get("PatientID").equals("CN-ISO_IR_192")).findFirst().orElseThrow());
        assertThat(utf8.get("StudyDescription")).isEqualTo("胸部CT平扫");
        robot.interact(() -> window.query().studyTable().getSelectionModel().select(utf8));
        waitUntil(() -> window.query().seriesTable().getItems().size() == 1);

        robot.clickOn("#retrieve-study");

        waitUntil(() -> window.transfers().lastClosedProperty().get() != null);
        TransferPanel.Shown bar = onFx(() -> window.transfers().lastClosedProperty().get());
        assertThat(bar.total()).isEqualTo(1);
        assertThat(bar.done()).isEqualTo(bar.total());
        assertThat(onFx(() -> window.query().lastReport().complete())).isTrue();
        waitUntil(() -> window.studyList().studyTable().getItems().stream()
                .anyMatch(s -> s.patientId().equals("CN-ISO_IR_192")));
        assertThat(onFx(() -> window.studyList().studyTable().getItems().stream().map(StudySummary::description).toList()))
                .contains("胸部CT平扫");
    }

    @Test
    void initialsFindANameStoredOnlyInCharactersAmongTheStudiesTheOtherFieldsSelect(FxRobot robot) {
        robot.clickOn("Query");
        waitUntil(() -> window.query().nodeChooser().getValue() != null);
        robot.clickOn("#query-name").write("lm");
        robot.clickOn("#query-search");
        waitUntil(() -> onFx(() -> window.query().status().getText()).contains("add a date range"));
        assertThat(onFx(() -> window.query().studyTable().getItems())).isEmpty();

        robot.clickOn("#query-description").write("胸部");
        robot.clickOn("#query-search");
        waitUntil(() -> window.query().studyTable().getItems().size() == 1);
        assertThat(onFx(() -> window.query().studyTable().getItems().get(0).get("PatientID"))).isEqualTo("CN-LIMING");
        assertThat(onFx(() -> window.query().status().getText())).doesNotContain("add a date range");
    }

    @Test
    void aStudyOfTheLocalArchiveIsSentToThePacs(FxRobot robot) throws Exception {
        archive.importPaths(List.of(CHARSETS.resolve("Lena-ascii.dcm")), ImportListener.none(), CancelToken.none());
        StudySummary lena = archive.studiesOfPatient("ascii").get(0);
        DicomNode node = onFx(() -> window.network().nodes(DicomNode.Service.STORE).get(0));

        robot.interact(() -> window.sender().send(node, lena, List.of()));

        waitUntil(() -> window.sender().lastReport() != null);
        SendReport report = onFx(() -> window.sender().lastReport());
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.results()).hasSize(1);
        assertThat(pacs.sopInstanceUids()).contains("1.2.276.0.7230010.3.1.4.2831176407.5467.1481121461.197042");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("OK")).queryButton());
    }

    @Test
    void imagesPushedToTheListenerAppearInTheStudyList(FxRobot robot) throws Exception {
        waitUntil(() -> window.network().listenerProperty().get().kind() == NetworkService.ListenerState.Kind.LISTENING);
        assertThat(onFx(() -> window.studyList().studyTable().getItems().stream()
                .noneMatch(s -> s.patientId().equals("CN-GBK")))).isTrue();

        org.fovea.dicom.net.peers.Dcmtk.run("storescu", List.of("-aec", OUR_AE, "127.0.0.1", String.valueOf(listenPort),
                CHARSETS.resolve("chinese-GBK.dcm").toString())).requireSuccess();

        waitUntil(() -> window.studyList().studyTable().getItems().stream()
                .anyMatch(s -> s.patientId().equals("CN-GBK")));
        assertThat(onFx(() -> window.network().receivedProperty().get())).isEqualTo(1);
    }

    private static DicomNode rowItem(Node cellContent) {
        Node n = cellContent;
        while (n != null && !(n instanceof TableRow<?>)) {
            n = n.getParent();
        }
        return n == null ? null : (DicomNode) ((TableRow<?>) n).getItem();
    }
}
