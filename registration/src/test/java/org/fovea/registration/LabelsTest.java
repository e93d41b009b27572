package org.fovea.registration;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The barcode label (T7): its Code 128, read back from the rendered PDF by ZXing, is the accession
 * number; the label names the patient, sex and age, exam and room; the second page gives the
 * preparation and the check-in time.
 */
class LabelsTest {

    @Test
    void theLabelsBarcodeDecodesToTheAccessionNumber() throws Exception {
        Order order = new Order(1, "ORD1001", "CT20261204-0007", "P0001", "CT001", "胸部CT平扫", "CT", "咳嗽两周", "张医生",
                "ROUTINE", "ORDERED", "HL7");
        Patient patient = new Patient("P0001", "王^建国", "M", "19680512", "13800000000", "青霉素", "");
        byte[] pdf = Labels.pdf(order, patient, "CT1", "检查前 4 小时禁食。\n请携带既往影像资料。", "2026-12-05 08:30 前");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            BufferedImage label = new PDFRenderer(doc).renderImageWithDPI(0, 300);
            Result read = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(label))), Map.of(DecodeHintType.POSSIBLE_FORMATS,
                    List.of(com.google.zxing.BarcodeFormat.CODE_128), DecodeHintType.TRY_HARDER, true));
            assertThat(read.getText()).isEqualTo("CT20261204-0007");
            assertThat(read.getBarcodeFormat()).isEqualTo(com.google.zxing.BarcodeFormat.CODE_128);
            PDFTextStripper text = new PDFTextStripper();
            text.setStartPage(1);
            text.setEndPage(1);
            assertThat(text.getText(doc)).contains("王建国").contains("男").contains("岁").contains("胸部CT平扫")
                    .contains("CT1").contains("CT20261204-0007");
            text.setStartPage(2);
            text.setEndPage(2);
            assertThat(text.getText(doc)).contains("检查须知").contains("检查前 4 小时禁食").contains("2026-12-05 08:30 前");
        }
    }
}
