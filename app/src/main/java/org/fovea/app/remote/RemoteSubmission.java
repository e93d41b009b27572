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
