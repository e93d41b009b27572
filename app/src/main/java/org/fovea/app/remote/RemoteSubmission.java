package org.fovea.app.remote;

import org.fovea.center.NewRequest;
import org.fovea.center.Urgency;
import org.fovea.center.client.Outbox;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudySummary;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A study of the local archive made a remote diagnosis request: the patient and exam from the
 * study, every image of it, the doctor's clinical history and question, and a request id of this
 * hospital's ({@code R-yyyyMMdd-HHmmss-xxxxxxxx}) the center knows it by when it is sent again.
 */
public record RemoteSubmission(NewRequest request, List<Outbox.Item> images) {

    /**
     * Files paper brought with the patient into the study first (an outside report as PDF, a
     * photographed request as JPEG or PNG: {@code dicom.marks.Attachments}), so they go with its
     * images.
     *
     * @throws IllegalArgumentException when the archive holds no image of the study, or a file
     *                                  cannot be attached (naming it and why)
     */
    public static void attach(LocalArchive archive, String studyUid, List<java.nio.file.Path> files,
                              java.nio.file.Path work) {
        if (files.isEmpty()) {
            return;
        }
        java.nio.file.Path image = org.fovea.dicom.marks.MarkArchive.anyImageFile(archive, studyUid).orElseThrow(
                () -> new IllegalArgumentException("There is no image of study " + studyUid + " in the local archive "
                        + "to attach files to"));
        java.nio.file.Path dir = work.resolve("attachments-" + UUID.randomUUID());
        try {
            for (java.nio.file.Path f : org.fovea.dicom.marks.Attachments.write(files, image, dir)) {
                archive.importFile(f);
                java.nio.file.Files.deleteIfExists(f);
            }
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException | org.fovea.dicom.DicomReadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when the archive does not hold the study
     */
    public static RemoteSubmission of(LocalArchive archive, String studyUid, String history, String question,
                                      boolean urgent) {
        StudySummary study = archive.study(studyUid).orElseThrow(() -> new IllegalArgumentException(
                "There is no study " + studyUid + " in the local archive"));
        List<Outbox.Item> items = new ArrayList<>();
        for (SeriesSummary s : archive.series(studyUid)) {
            for (InstanceEntry i : archive.instances(s.seriesUid())) {
                items.add(new Outbox.Item(i.sopInstanceUid(), i.file()));
            }
        }
        String id = "R-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return new RemoteSubmission(new NewRequest(id, study.patientId(), study.patientName(), study.sex(),
                study.birthDate() == null ? "" : study.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE),
                studyUid, study.accession(), study.modalities(), "", study.description(), history, question,
                urgent ? Urgency.URGENT : Urgency.ROUTINE, items.size()), items);
    }
}
