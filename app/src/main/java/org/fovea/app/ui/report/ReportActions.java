package org.fovea.app.ui.report;

import org.fovea.dicom.archive.ImportReport;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.Report;
import org.fovea.reporting.export.PdfLayout;
import org.fovea.reporting.export.ReportPdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The report's way out: a preview of the PDF as it will print, printing, and a PDF file. The PDF is made on the report thread; pages are shown as pictures rendered by PDFBox, so the
 * preview is the PDF, not a second layout.
 */
final class ReportActions {

    /** Preview and print resolution: enough for A4 text on paper without a multi-MB page image. */
    private static final float DPI = 150;

    private final I18n i18n;
    private final ReportService service;
    private final Supplier<Report> report;
    private final Path home;
    private final HBox root;
    /** The editor's status line. */
    private final Consumer<String> say;
    private Function<Report, CompletableFuture<ImportReport>> toStudy =
            r -> CompletableFuture.failedFuture(new IllegalStateException("no archive to store the report in"));

    ReportActions(I18n i18n, ReportService service, Supplier<Report> report, Path home, Consumer<String> say) {
        this.say = say;
        this.i18n = i18n;
        this.service = service;
        this.report = report;
        this.home = home;
        Button preview = button("report.preview", this::preview);
        preview.setId("report-preview");
        Button print = button("report.print", this::print);
        Button pdf = button("report.exportPdf", this::exportPdf);
        pdf.setId("report-export-pdf");
        Button dicom = button("report.toStudy", this::exportToStudy);
        dicom.setId("report-to-study");
        root = new HBox(6, preview, print, pdf, dicom);
    }

    Node node() { return root; }

    private Consumer<String> exported = detail -> { };

    /** Told of each export (what and where), for the audit log. */
    void setOnExported(Consumer<String> exported) {
        this.exported = exported;
    }

    /** How the report goes into its study as DICOM (the window wires the archive in). */
    void setToStudy(Function<Report, CompletableFuture<ImportReport>> action) {
        toStudy = action;
    }

    /** The report into its study as DICOM SR and Encapsulated PDF (the button), saying where. */
    CompletableFuture<ImportReport> exportToStudy() {
        return toStudy.apply(report.get()).whenComplete((imported, e) -> {
            if (e != null) {
                Alerts.error(root, i18n, "error.report", e);
            } else {
                say.accept(i18n.get(imported.imported() > 0 ? "report.inStudy" : "report.alreadyInStudy"));
                exported.accept("DICOM SR and Encapsulated PDF into the study");
            }
        });
    }

    static byte[] pdfBytes(Report r, Path home) {
        try {
            return ReportPdf.bytes(r, PdfLayout.load(home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void preview() {
        pages().thenAccept(images -> {
            VBox pages = new VBox(12);
            images.forEach(im -> {
                ImageView v = new ImageView(im);
                v.setPreserveRatio(true);
                v.setFitWidth(800);
                pages.getChildren().add(v);
            });
            Alert a = new Alert(Alert.AlertType.NONE, "", javafx.scene.control.ButtonType.CLOSE);
            a.setTitle(i18n.get("report.preview"));
            a.getDialogPane().setContent(new ScrollPane(pages));
            a.getDialogPane().setPrefSize(860, 900);
            a.initOwner(root.getScene().getWindow());
            a.show();
        }).exceptionally(this::failed);
    }

    private void print() {
        pages().thenAccept(images -> {
            PrinterJob job = PrinterJob.createPrinterJob();
            if (job == null) {
                Alerts.error(root, i18n, "report.noPrinter", new IllegalStateException(i18n.get("report.noPrinterWhy")));
                return;
            }
            if (!job.showPrintDialog(root.getScene().getWindow())) {
                return;
            }
            for (Image im : images) {
                ImageView v = new ImageView(im);
                v.setPreserveRatio(true);
                v.setFitWidth(job.getJobSettings().getPageLayout().getPrintableWidth());
                if (!job.printPage(v)) {
                    break;
                }
            }
            job.endJob();
        }).exceptionally(this::failed);
    }

    private void exportPdf() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("report.exportPdf"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        Report r = report.get();
        chooser.setInitialFileName(r.study().accessionNumber().isEmpty() ? "report.pdf" : r.study().accessionNumber() + ".pdf");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            exportPdf(f.toPath());
        }
    }

    /** Writes the PDF to a file (the Export button, after its file dialog). */
    java.util.concurrent.CompletableFuture<Path> exportPdf(Path file) {
        Report r = report.get();
        return service.call((reports, templates) -> {
            try {
                Files.write(file, pdfBytes(r, home));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
            }
        }).whenComplete((p, e) -> {
            if (e != null) {
                Alerts.error(root, i18n, "error.report", e);
            } else {
                say.accept(i18n.format("report.pdfWritten", p));
                exported.accept("PDF " + p);
            }
        });
    }

    private java.util.concurrent.CompletableFuture<List<Image>> pages() {
        Report r = report.get();
        return service.call((reports, templates) -> {
            List<BufferedImage> out = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(pdfBytes(r, home))) {
                PDFRenderer renderer = new PDFRenderer(doc);
                for (int i = 0; i < doc.getNumberOfPages(); i++) {
                    out.add(renderer.renderImageWithDPI(i, DPI));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }).thenApply(list -> list.stream().map(ReportActions::fxImage).toList());
    }

    private static Image fxImage(BufferedImage b) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(b, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Image(new java.io.ByteArrayInputStream(png.toByteArray()));
    }

    private Void failed(Throwable e) {
        Alerts.error(root, i18n, "error.report", e);
        return null;
    }

    private Button button(String key, Runnable action) {
        Button b = new Button(i18n.get(key));
        b.setOnAction(e -> action.run());
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }
}
