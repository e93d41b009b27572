package org.fovea.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One report of one study. Immutable; {@code with...} give the edited copies the editor saves.
 *
 * @param id         assigned by the store; 0 for a report not yet saved
 * @param version    the store's optimistic lock: a save based on an older version is refused, so
 *                   two workstations never silently overwrite each other's text
 * @param templateId the template it was started from (empty for free text)
 * @param fields     values of the template's structured fields, by field id
 * @param author     the user name of the author
 */
public record Report(long id, int version, StudyRef study, String templateId, String findings, String impression,
                     Map<String, String> fields, List<ReportMeasurement> measurements, List<ReportImage> images,
                     ReportStatus status, String author, Instant created, Instant updated) {

    public Report {
        templateId = templateId == null ? "" : templateId;
        findings = findings == null ? "" : findings;
        impression = impression == null ? "" : impression;
        fields = Map.copyOf(fields == null ? Map.of() : fields);
        measurements = List.copyOf(measurements == null ? List.of() : measurements);
        images = List.copyOf(images == null ? List.of() : images);
        author = author == null ? "" : author;
    }

    /** A new, unsaved draft. */
    public static Report draft(StudyRef study, String templateId, String author) {
        Instant now = Instant.now();
        return new Report(0, 0, study, templateId, "", "", Map.of(), List.of(), List.of(), ReportStatus.DRAFT,
                author, now, now);
    }

    public Report withText(String newFindings, String newImpression) {
        return new Report(id, version, study, templateId, newFindings, newImpression, fields, measurements, images,
                status, author, created, updated);
    }

    public Report withFields(Map<String, String> newFields) {
        return new Report(id, version, study, templateId, findings, impression, newFields, measurements, images,
                status, author, created, updated);
    }

    public Report withMeasurements(List<ReportMeasurement> newMeasurements) {
        return new Report(id, version, study, templateId, findings, impression, fields, newMeasurements, images,
                status, author, created, updated);
    }

    public Report withImages(List<ReportImage> newImages) {
        return new Report(id, version, study, templateId, findings, impression, fields, measurements, newImages,
                status, author, created, updated);
    }

    public Report withStatus(ReportStatus newStatus) {
        return new Report(id, version, study, templateId, findings, impression, fields, measurements, images,
                newStatus, author, created, updated);
    }

    public boolean preliminary() {
        return status == ReportStatus.PRELIMINARY;
    }
}
