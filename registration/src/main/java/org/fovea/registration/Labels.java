package org.fovea.registration;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.fovea.reporting.export.CjkFont;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * An exam's barcode label (T7) as PDF, for a label printer or to keep: a 70 × 40 mm label with the
 * accession number as Code 128 (ZXing) and in words, the patient's name, sex and age, the exam and
 * the room; then an A5 page with the exam's preparation and when to check in.
 */
public final class Labels {

    private static final float MM = 72f / 25.4f;

    private Labels() {
    }

    /**
     * @param preparation what the patient does before the exam (fasting, …), printed with the label
     * @param checkIn     when to check in, in words (e.g. "2026-12-05 08:30 前")
     */
    public static byte[] pdf(Order order, Patient patient, String room, String preparation, String checkIn)
            throws IOException {
        try (PDDocument doc = new PDDocument(); CjkFont cjk = CjkFont.load(doc)) {
            PDType0Font font = cjk.font();
            PDPage label = new PDPage(new PDRectangle(70 * MM, 40 * MM));
            doc.addPage(label);
            try (PDPageContentStream out = new PDPageContentStream(doc, label)) {
                float w = label.getMediaBox().getWidth();
                float h = label.getMediaBox().getHeight();
                text(out, font, 10, 3 * MM, h - 5 * MM, name(patient.name()) + "  " + sexAge(patient));
                text(out, font, 8, 3 * MM, h - 9.5f * MM, order.procedureText() + "  " + order.modality()
                        + (room.isBlank() ? "" : "  " + room));
                barcode(out, order.accessionNumber(), 3 * MM, 7 * MM, w - 6 * MM, 14 * MM);
                text(out, font, 9, 3 * MM, 3 * MM, order.accessionNumber());
            }
            PDPage notes = new PDPage(PDRectangle.A5);
            doc.addPage(notes);
            try (PDPageContentStream out = new PDPageContentStream(doc, notes)) {
                float y = notes.getMediaBox().getHeight() - 20 * MM;
                text(out, font, 14, 15 * MM, y, "检查须知  " + order.procedureText());
                y -= 10 * MM;
                text(out, font, 10, 15 * MM, y, name(patient.name()) + "  " + sexAge(patient) + "  检查号 "
                        + order.accessionNumber());
                y -= 8 * MM;
                text(out, font, 10, 15 * MM, y, "报到时间：" + checkIn + (room.isBlank() ? "" : "  检查室：" + room));
                y -= 10 * MM;
                for (String line : preparation.split("\n")) {
                    text(out, font, 10, 15 * MM, y, line);
                    y -= 6 * MM;
                }
            }
            doc.getDocumentInformation().setTitle("检查条码 " + order.accessionNumber());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }

    /**
     * The label of a registered exam: its patient, its procedure's preparation, and where and when
     * from its booking (the booked device's room; the slot, asking the patient to come 15 minutes
     * early). A room or check-in text given overrides the booking's.
     *
     * @throws IllegalArgumentException naming the accession number when there is no such exam
     */
    public static byte[] ofExam(Registrations r, Schedule schedule, String accession, String room, String checkIn)
            throws IOException {
        Order o = r.order(accession).orElseThrow(() -> new IllegalArgumentException("There is no exam " + accession));
        Patient p = r.patient(o.patientId()).orElseThrow();
        Booking b = schedule.booking(accession).orElse(null);
        String where = room != null && !room.isBlank() ? room
                : b == null ? "" : schedule.device(b.deviceCode()).map(Device::room).orElse("");
        String when = checkIn != null && !checkIn.isBlank() ? checkIn
                : b == null ? "按预约时间提前 15 分钟" : b.day() + " " + b.slot() + "（请提前 15 分钟报到）";
        return pdf(o, p, where, preparation(o.modality()), when);
    }

    /** What a patient does before an exam of this modality, until the department words its own. */
    public static String preparation(String modality) {
        return switch (modality.toUpperCase(java.util.Locale.ROOT)) {
            case "CT" -> "检查前请去除检查部位的金属物品。\n增强检查前 4 小时禁食，请告知过敏史。";
            case "MR" -> "检查前请去除一切金属物品。\n体内有心脏起搏器、金属植入物者请先告知技师。";
            case "DX", "CR", "DR" -> "检查前请去除检查部位的金属物品。";
            default -> "请按报到时间到达检查室报到。";
        };
    }

    private static void barcode(PDPageContentStream out, String value, float x, float y, float width, float height)
            throws IOException {
        BitMatrix m = new Code128Writer().encode(value, BarcodeFormat.CODE_128, 0, 1, Map.of(EncodeHintType.MARGIN, 10));
        float bar = width / m.getWidth();
        for (int c = 0; c < m.getWidth(); c++) {
            if (m.get(c, 0)) {
                out.addRect(x + c * bar, y, bar, height);
            }
        }
        out.fill();
    }

    private static void text(PDPageContentStream out, PDType0Font font, float size, float x, float y, String s)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(s);
        out.endText();
    }

    /** 王^建国 as 王建国; a DICOM name's ideographic part when it has one. */
    static String name(String hisName) {
        int eq = hisName.indexOf('=');
        String n = eq >= 0 && eq + 1 < hisName.length() ? hisName.substring(eq + 1).split("=")[0] : hisName;
        return n.replace("^", "");
    }

    private static String sexAge(Patient p) {
        String sex = switch (p.sex()) {
            case "M" -> "男";
            case "F" -> "女";
            default -> "";
        };
        if (!p.birthDate().matches("[0-9]{8}")) {
            return sex;
        }
        int years = Period.between(LocalDate.parse(p.birthDate(), DateTimeFormatter.BASIC_ISO_DATE), LocalDate.now())
                .getYears();
        return sex + " " + years + "岁";
    }
}
