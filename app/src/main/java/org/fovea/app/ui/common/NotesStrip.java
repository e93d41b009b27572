package org.fovea.app.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The technicians' notes on an exam (技师留言, T2) where the radiologist reads and reports: a strip
 * in the viewer and the report editor, shown only when the exam has notes. The notes come from
 * the department database by the study's accession number; a study registration does not know
 * shows nothing.
 */
public final class NotesStrip {

    /** The notes of an exam, one line each, delivered on the FX thread. */
    public interface Source {
        CompletableFuture<List<String>> notes(String accession);
    }

    private final I18n i18n;
    private final Label label = new Label();
    private Source source;
    private String shown;

    public NotesStrip(I18n i18n, String id) {
        this.i18n = i18n;
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setStyle("-fx-background-color: #4a3a10; -fx-text-fill: #ffe08a; -fx-padding: 4 8 4 8;");
        clear();
    }

    public Node node() { return label; }

    public Label label() { return label; }

    /** Where the notes come from (none until set: the strip stays hidden). */
    public void setSource(Source source) {
        this.source = source;
    }

    /** Shows the notes of the exam of this accession number, if it has any. */
    public void show(String accession) {
        clear();
        shown = accession;
        if (source == null || accession == null || accession.isBlank()) {
            return;
        }
        source.notes(accession).whenComplete((lines, error) -> {
            if (error == null && accession.equals(shown) && !lines.isEmpty()) {
                label.setText(i18n.get("notes.strip") + "  " + String.join("    ", lines));
                label.setVisible(true);
                label.setManaged(true);
            }
        });
    }

    public void clear() {
        shown = null;
        label.setText("");
        label.setVisible(false);
        label.setManaged(false);
    }
}
