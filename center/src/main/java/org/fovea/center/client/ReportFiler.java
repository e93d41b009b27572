package org.fovea.center.client;

import org.fovea.center.ReturnedReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.export.PdfLayout;
import org.fovea.reporting.export.ReportDicom;
import org.fovea.reporting.export.ReportPdf;

import java.io.IOException;
import java.nio.file.Path;

/** Where a verified returned report goes at the hospital: into the local study. */
@FunctionalInterface
public interface ReportFiler {

    void file(ReturnedReport report) throws IOException;

    /**
     * Files it into the local archive's study as SR + Encapsulated PDF (the PDF on the hospital's
     * paper, headed with the center's name), as the workstation files its own reports.
     */
    static ReportFiler into(LocalArchive archive, Path home) {
        return returned -> ReportDicom.intoArchive(returned.report(),
                ReportPdf.bytes(returned.report(), paper(returned, home)), archive, home);
    }

    /** The hospital's report paper ({@code report-layout.json}) headed with the center that reported. */
    static PdfLayout paper(ReturnedReport returned, Path home) {
        PdfLayout paper = PdfLayout.load(home);
        return returned.center().isBlank() ? paper : new PdfLayout(returned.center(), "远程影像诊断", paper.title(), "");
    }
}
