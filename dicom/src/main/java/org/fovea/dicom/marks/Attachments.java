package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.SecondaryCapture;
import org.fovea.dicom.Uids;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Paper that comes with a patient made part of a study (D2): an outside report or request as PDF
 * becomes an Encapsulated PDF (series 9906, "Attached documents"), a photograph or scan (JPEG, PNG)
 * a Secondary Capture image (series 9907, "Attached images"), each with the patient and study of
 * an image of the study. Each instance's UID is made from the study and the file's bytes, so the
 * same file attached again is the same instance (the archive and the center keep it once).
 */
public final class Attachments {

    public static final int DOCUMENT_SERIES = 9906;
    public static final int IMAGE_SERIES = 9907;
    /** Larger photographs are scaled down to this many pixels on their longer side (a page stays legible). */
    static final int MAX_SIDE = 4096;

    private Attachments() {
    }

    /**
     * Writes each file as a DICOM object of the study of {@code studyImageFile} into {@code dir}.
     *
     * @throws IOException naming the file and why it cannot be attached (not a PDF, JPEG or PNG; unreadable)
     */
    public static List<Path> write(List<Path> files, Path studyImageFile, Path dir) throws IOException {
        Files.createDirectories(dir);
        AttributeList study = new AttributeList();
        ImageHeader header;
        try {
            study.read(studyImageFile.toString(), TagFromName.PixelData);
            header = DicomImage.read(studyImageFile).header();
        } catch (DicomException | DicomReadException e) {
            throw new IOException(studyImageFile + " cannot be read for its patient and study: " + e.getMessage(), e);
        }
        String studyUid = header.studyInstanceUid();
        List<Path> out = new ArrayList<>();
        int documents = 0;
        int images = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String uid = Uids.fromName("fovea-attachment|" + studyUid + "|" + sha256(bytes));
            if (isPdf(bytes)) {
                out.add(pdf(bytes, study, studyUid, f, ++documents, uid, dir));
                continue;
            }
            BufferedImage image = ImageIO.read(f.toFile());
            if (image == null) {
                throw new IOException(f + " cannot be attached: it is not a PDF, JPEG or PNG file");
            }
            image = fit(image);
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            Path written = SecondaryCapture.write(header, argb, w, h, Documents.seriesUid(studyUid, "attached-image"),
                    String.valueOf(IMAGE_SERIES), "Attached images", f.getFileName().toString(), ++images, uid, dir);
            out.add(written);
        }
        return out;
    }

    private static Path pdf(byte[] bytes, AttributeList study, String studyUid, Path f, int n, String uid, Path dir)
            throws IOException {
        try {
            AttributeList doc = EncapsulatedPdf.write(bytes, study, studyUid, f.getFileName().toString(),
                    "attached-pdf", DOCUMENT_SERIES, "Attached documents", false, n, LocalDateTime.now());
            UniqueIdentifierAttribute sop = new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID);
            sop.addValue(uid);
            doc.put(sop);
            com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(doc, TransferSyntax.ExplicitVRLittleEndian,
                    "FOVEA");
            Path file = dir.resolve(uid + ".dcm");
            doc.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            return file;
        } catch (DicomException e) {
            throw new IOException(f + " cannot be made DICOM: " + e.getMessage(), e);
        }
    }

    private static boolean isPdf(byte[] bytes) {
        return bytes.length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F';
    }

    private static BufferedImage fit(BufferedImage image) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= MAX_SIDE) {
            return image;
        }
        double k = (double) MAX_SIDE / longer;
        int w = Math.max(1, (int) Math.round(image.getWidth() * k));
        int h = Math.max(1, (int) Math.round(image.getHeight() * k));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
