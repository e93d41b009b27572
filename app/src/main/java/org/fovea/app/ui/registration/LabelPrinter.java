package org.fovea.app.ui.registration;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.printing.PDFPageable;

import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import java.awt.print.PrinterException;
import java.awt.print.PrinterJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Prints an exam's label PDF on the computer's default printer (a label printer at the desk) at
 * the PDF's own page sizes: the 70 × 40 mm label, then the preparation page. Where the computer
 * has no printer, the saved PDF is what the desk has.
 */
final class LabelPrinter {

    private LabelPrinter() {
    }

    /** The printer's name when the label was sent to it; empty when the computer has no printer. */
    static Optional<String> print(Path pdf) throws IOException, PrinterException {
        PrintService printer = PrintServiceLookup.lookupDefaultPrintService();
        if (printer == null) {
            return Optional.empty();
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PrinterJob job = PrinterJob.getPrinterJob();
            job.setPrintService(printer);
            job.setJobName(pdf.getFileName().toString());
            job.setPageable(new PDFPageable(doc));
            job.print();
        }
        return Optional.of(printer.getName());
    }
}
