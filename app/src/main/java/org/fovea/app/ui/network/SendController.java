package org.fovea.app.ui.network;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.SendReport;
import org.fovea.dicom.net.SendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * "Send to…": a whole study or the chosen series to a node that accepts images, with progress
 * and Cancel, then a summary with the result of every file.
 */
public final class SendController {

    private final I18n i18n;
    private final NetworkService network;
    private final ArchiveService archive;
    private final TransferPanel transfers;
    private final Node owner;
    private SendReport lastReport;

    public SendController(I18n i18n, NetworkService network, ArchiveService archive, TransferPanel transfers, Node owner) {
        this.i18n = i18n;
        this.network = network;
        this.archive = archive;
        this.transfers = transfers;
        this.owner = owner;
    }

    SendReport lastReport() { return lastReport; }

    /** Asks where to and what (study or the selected series), then sends; FX thread. */
    public void ask(StudySummary study, List<SeriesSummary> selectedSeries) {
        if (study == null) {
            Dialogs.summary(owner, i18n, false, i18n.get("send.title"), i18n.get("send.noStudy"), List.of());
            return;
        }
        List<DicomNode> nodes = network.nodes(DicomNode.Service.STORE);
        if (nodes.isEmpty()) {
            Dialogs.summary(owner, i18n, true, i18n.get("send.title"), i18n.get("send.noNode"), List.of());
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.format("send.header", PersonNameFormat.display(study.patientName()),
                study.studyDate() == null ? "" : study.studyDate().toString(), study.description()));
        ComboBox<DicomNode> node = NetworkLabels.nodeChooser();
        node.setId("send-node");
        NetworkLabels.offer(node, nodes);
        ToggleGroup what = new ToggleGroup();
        RadioButton whole = new RadioButton(i18n.format("send.wholeStudy", String.valueOf(study.seriesCount()),
                String.valueOf(study.instanceCount())));
        RadioButton some = new RadioButton(i18n.format("send.selectedSeries", String.valueOf(selectedSeries.size()),
                String.valueOf(selectedSeries.stream().mapToInt(SeriesSummary::instanceCount).sum())));
        whole.setToggleGroup(what);
        some.setToggleGroup(what);
        some.setDisable(selectedSeries.isEmpty());
        (selectedSeries.isEmpty() || selectedSeries.size() == study.seriesCount() ? whole : some).setSelected(true);
        VBox content = new VBox(10, new Label(i18n.get("send.to")), node, whole, some);
        content.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(content);
        ButtonType send = new ButtonType(i18n.get("send.button"), ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().setAll(send, Dialogs.cancel(i18n));
        dialog.showAndWait().filter(b -> b == send).ifPresent(b -> {
            if (node.getValue() != null) {
                send(node.getValue(), study, some.isSelected() ? selectedSeries : List.of());
            }
        });
    }

    /**
     * Sends the study, or only {@code series} when not empty; FX thread. The archive lists the
     * files, then the network sends them.
     */
    void send(DicomNode node, StudySummary study, List<SeriesSummary> series) {
        CancelToken cancel = new CancelToken();
        String title = i18n.format("send.progressTitle", PersonNameFormat.display(study.patientName()), node.name());
        TransferPanel.Line line = transfers.start(title, cancel);
        archive.files(study.studyUid(), series)
                .thenCompose(files -> network.call(() -> network.client().send(node, files, line::progress, cancel)))
                .whenComplete((report, error) -> {
                    line.close();
                    if (error != null) {
                        // a composed stage's failure arrives wrapped; the sentence is the cause's
                        Alerts.error(owner, i18n, "error.send", error instanceof CompletionException c
                                && c.getCause() != null ? c.getCause() : error);
                        return;
                    }
                    lastReport = report;
                    summarize(node, report);
                });
    }

    private void summarize(DicomNode node, SendReport r) {
        List<String> lines = new ArrayList<>();
        for (SendResult res : r.results()) {
            if (!res.ok()) {
                lines.add(i18n.format("send.fileFailed", res.file().getFileName().toString(), res.status(), res.file().toString()));
            }
        }
        for (SendResult res : r.results()) {
            if (res.ok()) {
                lines.add(i18n.format("send.fileOk", res.file().getFileName().toString(), res.status()));
            }
        }
        long failed = r.results().size() - r.sent();
        String header = i18n.get(r.cancelled() ? "send.cancelled" : failed == 0 ? "send.finished" : "send.partial");
        Dialogs.summary(owner, i18n, failed > 0 || r.cancelled(), header,
                i18n.format("send.counts", String.valueOf(r.sent()), String.valueOf(r.results().size()),
                        String.valueOf(failed), NetworkLabels.node(node)), lines);
    }
}
