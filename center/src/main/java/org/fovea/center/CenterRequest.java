package org.fovea.center;

import java.time.Instant;
import java.util.UUID;

/**
 * A request as the center holds it, as the API returns it.
 *
 * @param note what the center asks of the requesting hospital: why it returned the request, or
 *             which extra images an expert asks for; empty when nothing is asked
 */
public record CenterRequest(UUID id, String hospital, String clientRequestId, String createdBy, String patientId,
                            String patientName, String patientSex, String patientBirthDate, String studyUid,
                            String accessionNumber, String modality, String bodyPart, String examDescription,
                            String clinicalHistory, String question, Urgency urgency, RequestState state,
                            int announcedImages, int receivedImages, String assignedTo, String expertGroup,
                            Instant createdAt, Instant updatedAt, String note) {
}
